#!/usr/bin/env bash
# Soak run (not part of CI): starts the example server and keeps a mix of page loads, counter
# actions over WebSockets and chat messages pushed to a room going, printing latency
# percentiles, errors and heap every 10 s and a summary at the end (driver:
# examples/src/test/java/io/github/livetemplate/examples/soak/SoakDriver.java).
#
#   scripts/soak.sh                       # 120 s, default mix
#   SOAK_SECONDS=600 SOAK_COUNTERS=50 scripts/soak.sh
#   SOAK_URL=http://host:8080 scripts/soak.sh   # against a server started elsewhere (no heap)
#
# MVN_ARGS is passed to every ./mvnw call (e.g. "-o -Dmaven.repo.local=...").
# Exits non-zero when any request or action failed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
read -r -a mvn_args <<<"${MVN_ARGS:-}"
args=(--seconds "${SOAK_SECONDS:-120}"
      --page-loaders "${SOAK_PAGE_LOADERS:-4}"
      --counters "${SOAK_COUNTERS:-20}"
      --chatters "${SOAK_CHATTERS:-10}")
if [[ -n "${SOAK_URL:-}" ]]; then
  args+=(--url "$SOAK_URL")
fi
if [[ -z "${SOAK_SKIP_BUILD:-}" ]]; then
  ./mvnw -q -B -ntp "${mvn_args[@]}" install -DskipTests -pl examples -am
  ./mvnw -q -B -ntp "${mvn_args[@]}" -pl examples test-compile
fi
exec ./mvnw -q -B -ntp "${mvn_args[@]}" -pl examples exec:java \
  -Dexec.classpathScope=test \
  -Dexec.mainClass=io.github.livetemplate.examples.soak.SoakDriver \
  -Dexec.args="${args[*]}"
