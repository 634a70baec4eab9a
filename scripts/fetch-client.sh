#!/usr/bin/env bash
# Fetches the pinned browser client of LiveTemplate at build time (never committed).
#
#   scripts/fetch-client.sh <outdir>
#
# Runs `npm pack @livetemplate/client@<version>` in a temporary directory, extracts
# package/dist/livetemplate-client.browser.js and writes it to <outdir>. Does nothing when the
# output file already exists. The version can be overridden with LVT_CLIENT_VERSION.
set -euo pipefail

VERSION="${LVT_CLIENT_VERSION:-0.25.1}"
FILE="livetemplate-client.browser.js"
# SHA-256 of dist/livetemplate-client.browser.js in the pinned release; override with
# LVT_CLIENT_SHA256 when fetching another version (empty = no check).
if [ "$VERSION" = "0.25.1" ]; then
  DEFAULT_SHA256="6da17fc2abe078cb6e39ee316db69c1df056c5a9f37698170b91782e3582415f"
else
  DEFAULT_SHA256=""
fi
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

if ! command -v npm >/dev/null 2>&1; then
  echo "fetch-client.sh: npm is required to fetch @livetemplate/client@$VERSION" >&2
  exit 1
fi

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

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
