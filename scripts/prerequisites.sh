# Shared by scripts/test.sh and scripts/run-examples.sh: installs a missing prerequisite from
# Debian's packages (run as root, or with sudo). Each prerequisite has its own ensure_* function.
# Source this file; it defines functions only.

log() { printf '[%s] %s\n' "$(basename "$0")" "$*" >&2; }

APT_UPDATED=0
# apt_install PKG... : installs Debian packages, running `apt-get update` once per script run.
apt_install() {
  if ! command -v apt-get >/dev/null 2>&1; then
    log "ERROR: need to install $* but apt-get is not available; install them manually."
    exit 1
  fi
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo="sudo"
    else
      log "ERROR: need root (or sudo) to install $*."
      exit 1
    fi
  fi
  if [ "$APT_UPDATED" -eq 0 ]; then
    log "running apt-get update"
    $sudo apt-get update -qq
    APT_UPDATED=1
  fi
  log "installing Debian packages: $*"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@"
}

# Node.js and npm: the tests run the pinned @livetemplate/client's tree renderer in node and
# fetch it with `npm pack`.
ensure_node() {
  local missing=()
  command -v node >/dev/null 2>&1 || missing+=(nodejs)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
  if [ "${#missing[@]}" -gt 0 ]; then
    log "Node.js/npm missing"
    apt_install "${missing[@]}"
  fi
  log "node $(node --version), npm $(npm --version)"
}

# A JDK 17 or newer (javac, not just a JRE).
java_major() {
  local v
  v="$(javac -version 2>&1 | awk '{print $2}')" || return 1
  v="${v%%.*}"
  [[ "$v" =~ ^[0-9]+$ ]] && echo "$v"
}

ensure_jdk() {
  local major=""
  if command -v javac >/dev/null 2>&1; then
    major="$(java_major || true)"
  fi
  if [ -z "$major" ] || [ "$major" -lt 17 ]; then
    log "JDK 17 missing (found: ${major:-none})"
    apt_install openjdk-17-jdk-headless
    if [ -d /usr/lib/jvm/java-17-openjdk-amd64 ] && [ -z "${JAVA_HOME:-}" ]; then
      export JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
    fi
  fi
  log "$(javac -version 2>&1)"
}

# Maven comes from the wrapper (./mvnw downloads the pinned version from Maven Central with
# curl and checks its SHA-256); only curl must be present.
ensure_curl() {
  if ! command -v curl >/dev/null 2>&1 && ! command -v wget >/dev/null 2>&1; then
    log "curl missing"
    apt_install curl ca-certificates
  fi
}

# Headless Chromium and its WebDriver for the browser end-to-end tests in examples/
# (Selenium drives /usr/bin/chromium through /usr/bin/chromedriver; nothing is downloaded).
ensure_chromium() {
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
  if [ "${#missing[@]}" -gt 0 ]; then
    log "Chromium/chromedriver missing"
    apt_install "${missing[@]}"
  fi
  log "$(/usr/bin/chromium --version 2>/dev/null | head -n 1), $(/usr/bin/chromedriver --version 2>/dev/null | head -n 1 | cut -d' ' -f1-2)"
}

# redis-server: the pubsub tests (runtime, io.github.livetemplate.pubsub) start their own
# throw-away server on a free loopback port (no persistence); nothing needs to be running.
ensure_redis() {
  if ! command -v redis-server >/dev/null 2>&1; then
    log "redis-server missing"
    apt_install redis-server
  fi
  log "$(redis-server --version 2>/dev/null | head -n 1 | cut -d' ' -f1-3)"
}

# Go (Debian's golang-go, standard library only): the processor's tests render templates with Go's
# own html/template (processor/src/test/go) and compare pages with it.
ensure_go() {
  if ! command -v go >/dev/null 2>&1; then
    log "go missing"
    apt_install golang-go
  fi
  log "$(go version 2>/dev/null)"
}
