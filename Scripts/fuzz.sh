#!/usr/bin/env bash
# Builds the libFuzzer target Fuzz/FuzzEntityExtraction.swift and runs it.
#
# Usage: Scripts/fuzz.sh [-runs=N] [other libFuzzer flags] [corpus dirs or crash files]
#
#   Scripts/fuzz.sh -runs=1000000          # a million inputs, then stop
#   Scripts/fuzz.sh -max_total_time=600    # ten minutes
#   Scripts/fuzz.sh -minimize_crash=1 -runs=100000 Fuzz/crashes/crash-…   # shrink a crash
#
# Every input is decoded as UTF-8 (repaired when invalid), tokenized, matched against
# the gazetteers and extracted from; ExtractionInvariants (in
# Sources/_EntityExtractionTestSupport) checks tokens, matches, entities and the JSON of
# every offset unit, and traps on a broken promise, so libFuzzer saves the input in
# Fuzz/crashes/. Sanitizer errors (AddressSanitizer) and Swift traps count the same.
#
# The library is built by SwiftPM with coverage and ASan instrumentation into .build-fuzz
# (release, with assertions kept on); the harness is compiled and linked with swiftc, as
# libFuzzer brings its own `main`, which a SwiftPM executable target cannot use. New
# corpus entries go to .fuzz-corpus/ (not in git); Fuzz/corpus/ holds the seeds.
#
# Environment: FUZZ_CONFIGURATION=debug for a debug build (slower, better stacks).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
configuration=${FUZZ_CONFIGURATION:-release}
scratch=.build-fuzz
build="$scratch/$configuration"
binary="$build/fuzz-entity-extraction"

# SwiftPM 6.3 fails an unchanged, repeated `--target` build with "unknown build
# description"; removing the cached plan makes it plan again (a fraction of a second).
rm -f "$build/description.json"
swift build -c "$configuration" --scratch-path "$scratch" --target _EntityExtractionTestSupport \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -assert-config -Xswiftc Debug \
  -Xcc -fsanitize=fuzzer-no-link,address

icu_libraries=$(pkg-config --libs icu-uc 2>/dev/null || echo "-licuuc -licudata")
objects=()
for target in CICUShim EntityExtraction _EntityExtractionResources _EntityExtractionTestSupport; do
  objects+=("$build/$target.build"/*.o)
done
# Debug builds also wrap each module's debug info in Modules/*.o.
shopt -s nullglob
objects+=("$build/Modules"/*.o)
shopt -u nullglob
# shellcheck disable=SC2086  # icu_libraries is a list of flags
swiftc -sanitize=fuzzer,address -parse-as-library -g -module-name FuzzEntityExtraction \
  -I "$build/Modules" -Xcc -fmodule-map-file="$build/CICUShim.build/module.modulemap" \
  -I Sources/CICUShim/include -use-ld=lld \
  Fuzz/FuzzEntityExtraction.swift "${objects[@]}" $icu_libraries -o "$binary"

mkdir -p .fuzz-corpus Fuzz/crashes
inputs=()
for argument in "$@"; do
  [[ $argument == -* ]] || inputs+=("$argument")
done
if [[ ${#inputs[@]} -eq 0 ]]; then
  # New entries go to the first directory; the seeds are read, never written.
  set -- "$@" .fuzz-corpus Fuzz/corpus
fi

# Swift's own crash backtracer would catch a trap before libFuzzer does, and its memory
# reader trips AddressSanitizer; without it, libFuzzer saves the crashing input.
export SWIFT_BACKTRACE=enable=no
export LSAN_OPTIONS="suppressions=$root/Fuzz/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
# Flags given later win, so the caller's flags override these defaults.
exec "$binary" -max_len=4096 -timeout=20 -dict=Fuzz/entities.dict \
  -artifact_prefix=Fuzz/crashes/ -print_final_stats=1 "$@"
