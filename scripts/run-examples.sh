#!/usr/bin/env bash
# Builds the project and starts the example server on http://localhost:${PORT:-8080}
# (in-process, no Redis needed; REDIS_URL shares the chat across instances). Installs what is
# missing first: npm (the build fetches the pinned browser client with `npm pack`), a JDK and
# curl (for ./mvnw). Stop with Ctrl+C.
#
#   scripts/run-examples.sh --dev   dev mode (docs/dev-mode.md): edits to the templates under
#                                   examples/src/main/resources go live in open pages, state kept
set -euo pipefail

DEV=()
if [ "${1:-}" = "--dev" ]; then
  DEV=(-Dlivetemplate.dev=true -Dlivetemplate.dev.sourceRoot=examples/src/main/resources)
fi

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/prerequisites.sh
. "$ROOT/scripts/prerequisites.sh"

ensure_node
ensure_jdk
ensure_curl
cd "$ROOT"
# -DskipTests also leaves the browser-test dependencies unresolved (see examples/pom.xml).
./mvnw -q -B -ntp install -DskipTests
exec ./mvnw -q -B -ntp -pl examples exec:java -DskipTests "${DEV[@]}"
