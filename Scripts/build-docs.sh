#!/usr/bin/env bash
# Builds the DocC documentation of EntityExtraction (catalog:
# Sources/EntityExtraction/EntityExtraction.docc) and of EntityEvaluation (doc comments
# only), and fails on any DocC warning: a broken ``Symbol`` link, an unknown article,
# a malformed Topics section.
#
#     Scripts/build-docs.sh [OUTPUT-DIR]       # default: .build/docs
#
# No package dependency is needed: the script builds the two targets normally (a debug
# build that shares .build with `swift build`, with no extra compiler flags, so nothing is
# rebuilt for it), extracts their public symbol graphs from the built modules with
# `swift-symbolgraph-extract`, and runs the toolchain's `docc convert`. The output is a
# static site; serve OUTPUT-DIR/EntityExtraction with any web server and open
# /documentation/entityextraction/.
set -euo pipefail
cd "$(dirname "$0")/.."

output="${1:-.build/docs}"
toolchain_bin="$(dirname "$(command -v swift)")"
docc="$(command -v docc || echo "$toolchain_bin/docc")"
extract="$(command -v swift-symbolgraph-extract || echo "$toolchain_bin/swift-symbolgraph-extract")"

echo "== swift build --target EntityEvaluation (builds EntityExtraction too)"
swift build --target EntityEvaluation
bin="$(swift build --show-bin-path)"
triple="$(swift -print-target-info | sed -n 's/^ *"triple": "\(.*\)",*$/\1/p' | head -n 1)"

graphs="$(mktemp -d)"
trap 'rm -rf "$graphs"' EXIT

for module in EntityExtraction EntityEvaluation; do
  echo "== symbol graph of $module"
  mkdir -p "$graphs/$module"
  # The C shim's module map lives in the build directory; the Swift modules are in
  # Modules/ (Swift 6) or directly in the bin path (earlier toolchains).
  "$extract" -module-name "$module" -target "$triple" \
    -I "$bin/Modules" -I "$bin" \
    -Xcc "-fmodule-map-file=$bin/CICUShim.build/module.modulemap" \
    -minimum-access-level public -skip-synthesized-members \
    -output-dir "$graphs/$module"
done

echo "== docc convert EntityExtraction"
rm -rf "$output/EntityExtraction" "$output/EntityEvaluation"
mkdir -p "$output"
"$docc" convert Sources/EntityExtraction/EntityExtraction.docc \
  --additional-symbol-graph-dir "$graphs/EntityExtraction" \
  --fallback-display-name EntityExtraction \
  --fallback-bundle-identifier swift-entity-extraction.EntityExtraction \
  --transform-for-static-hosting \
  --warnings-as-errors \
  --output-path "$output/EntityExtraction"

echo "== docc convert EntityEvaluation (no catalog: doc comments only)"
"$docc" convert \
  --additional-symbol-graph-dir "$graphs/EntityEvaluation" \
  --fallback-display-name EntityEvaluation \
  --fallback-bundle-identifier swift-entity-extraction.EntityEvaluation \
  --transform-for-static-hosting \
  --warnings-as-errors \
  --output-path "$output/EntityEvaluation"

echo "== documentation in $output/EntityExtraction and $output/EntityEvaluation"
