#!/usr/bin/env bash
# Fetches the pinned browser client of LiveTemplate at build time (never committed).
#
#   scripts/fetch-client.sh <outdir>
#
# Runs `npm pack @livetemplate/client@$LVT_CLIENT_VERSION` in a temporary directory, extracts
# package/dist/livetemplate-client.browser.js, checks its SHA-256 and writes it to <outdir>.
# Does nothing when the output file already exists. The build passes LVT_CLIENT_VERSION from the
# root pom's livetemplate.client.version.
set -euo pipefail

VERSION="${LVT_CLIENT_VERSION:?set LVT_CLIENT_VERSION (the build passes livetemplate.client.version)}"
FILE="livetemplate-client.browser.js"
# SHA-256 of dist/livetemplate-client.browser.js for each release we have checked; another
# version needs LVT_CLIENT_SHA256 (empty = no check).
case "$VERSION" in
  0.25.1) DEFAULT_SHA256="6da17fc2abe078cb6e39ee316db69c1df056c5a9f37698170b91782e3582415f" ;;
  *) DEFAULT_SHA256="" ;;
esac
SHA256="${LVT_CLIENT_SHA256:-$DEFAULT_SHA256}"

if [ "$#" -ne 1 ]; then
  echo "usage: $0 <outdir>" >&2
  exit 2
fi
OUT_DIR="$1"
OUT="$OUT_DIR/$FILE"

if [ -s "$OUT" ]; then
  exit 0
fi

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

if ! command -v npm >/dev/null 2>&1; then
  echo "fetch-client.sh: npm is required to fetch @livetemplate/client@$VERSION" \
    "(bash scripts/run-examples.sh and bash scripts/test.sh install it)" >&2
  exit 1
fi
# --prefer-offline: reuse the npm cache when it has the package (offline rebuilds).
(cd "$TMP" && npm pack --silent --prefer-offline "@livetemplate/client@$VERSION" >/dev/null)
TGZ="$(ls "$TMP"/*.tgz 2>/dev/null | head -n 1)"
if [ -z "$TGZ" ]; then
  echo "fetch-client.sh: npm pack produced no archive" >&2
  exit 1
fi
tar -xzf "$TGZ" -C "$TMP" "package/dist/$FILE"
if [ ! -s "$TMP/package/dist/$FILE" ]; then
  echo "fetch-client.sh: $FILE missing from the package" >&2
  exit 1
fi
if [ -n "$SHA256" ] && command -v sha256sum >/dev/null 2>&1; then
  ACTUAL="$(sha256sum "$TMP/package/dist/$FILE" | awk '{print $1}')"
  if [ "$ACTUAL" != "$SHA256" ]; then
    echo "fetch-client.sh: checksum mismatch for $FILE: expected $SHA256, got $ACTUAL" >&2
    exit 1
  fi
fi
mkdir -p "$OUT_DIR"
# Write atomically so an interrupted build never leaves a truncated file behind.
cp "$TMP/package/dist/$FILE" "$OUT.tmp.$$"
mv "$OUT.tmp.$$" "$OUT"
echo "fetch-client.sh: wrote $OUT (@livetemplate/client@$VERSION)" >&2
