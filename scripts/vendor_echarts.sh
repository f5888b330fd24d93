#!/usr/bin/env bash
# Vendor ECharts (Apache-2.0) into the package: the one chart library the dashboard loads.
#
# Fetches the release tarball from the npm registry with `npm pack` (npm checks the tarball
# against the registry's integrity hash), then copies the minified dist build and the licence
# and notice files into src/entente/web/static/ with the version in the file names, and checks
# the build against the sha256 pinned below (and in tests/api/test_static.py). Pages load the
# file from the package, never from a CDN.
#
# To upgrade: set VERSION, run with UPDATE=1 to print the new hash, review the change, then pin
# the new hash here and in the test, and delete the old files.
set -euo pipefail

# The version and the sha256 of its dist/echarts.min.js; both change together.
VERSION="${VERSION:-5.6.0}"
SHA256="${SHA256:-bf4a223524e40b77c304bec67e1222cf551f14880cf42c69dc046558e11c07b1}"

here="$(cd "$(dirname "$0")/.." && pwd)"
dest="$here/src/entente/web/static"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

command -v npm >/dev/null || { echo "vendor_echarts: npm is needed (apt-get install npm)" >&2; exit 1; }
(cd "$work" && npm pack --silent "echarts@$VERSION" >/dev/null)
tar -xzf "$work/echarts-$VERSION.tgz" -C "$work"

got="$(sha256sum "$work/package/dist/echarts.min.js" | cut -d' ' -f1)"
if [ "${UPDATE:-0}" = "1" ]; then
  echo "echarts $VERSION dist/echarts.min.js sha256: $got"
else
  if [ "$got" != "$SHA256" ]; then
    echo "vendor_echarts: sha256 of echarts $VERSION is $got, expected $SHA256" >&2
    echo "(run with UPDATE=1 to print it, review, then pin it)" >&2
    exit 1
  fi
fi

mkdir -p "$dest"
install -m 0644 "$work/package/dist/echarts.min.js" "$dest/echarts-$VERSION.min.js"
install -m 0644 "$work/package/LICENSE" "$dest/echarts-$VERSION.LICENSE.txt"
if [ -f "$work/package/NOTICE" ]; then
  install -m 0644 "$work/package/NOTICE" "$dest/echarts-$VERSION.NOTICE.txt"
fi
echo "vendored echarts $VERSION into $dest"
