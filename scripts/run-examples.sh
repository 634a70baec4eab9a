#!/usr/bin/env bash
# Builds the project and starts the example server on http://localhost:${PORT:-8080}
# (in-process, no Redis needed; REDIS_URL shares the chat across instances). Installs what is
# missing first: npm (the build fetches the pinned browser client with `npm pack`), a JDK and
# curl (for ./mvnw). Stop with Ctrl+C.
#
#   scripts/run-examples.sh --dev   dev mode (docs/dev-mode.md): edits to the templates under
#                                   examples/src/main/resources go live in open pages, state kept;
#                                   edits under examples/src/main/java are compiled and the server
#                                   restarted, open pages keep their state where it still fits
set -euo pipefail

DEV=()
if [ "${1:-}" = "--dev" ]; then
  # The dev launcher (docs/dev-mode.md) runs Main in a child JVM in dev mode, recompiles the
  # examples when a Java file changes and restarts the child, whose open pages keep their state.
  DEV=(-Dlivetemplate.dev.sourceRoot=examples/src/main/resources
    -Dexec.mainClass=io.github.livetemplate.dev.DevLauncher
    "-Dexec.args=--watch examples/target/classes --sources examples/src/main/java --compile './mvnw -o -q -B -ntp -pl examples compile' io.github.livetemplate.examples.Main")
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
