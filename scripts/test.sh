#!/usr/bin/env bash
# Runs every test of the repository: installs missing prerequisites (Debian packages; run as
# root), then `./mvnw -B -ntp install` at the repository root.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/prerequisites.sh
. "$ROOT/scripts/prerequisites.sh"

main() {
  ensure_node
  ensure_jdk
  ensure_curl
  ensure_chromium
  ensure_redis
  ensure_go
  log "running: ./mvnw -B -ntp install (in $ROOT)"
  cd "$ROOT"
  ./mvnw -B -ntp install
}

main "$@"
