#!/usr/bin/env bash
# Builds the libFuzzer binary (fuzzer + AddressSanitizer instrumentation) and runs one target.
#
#   Fuzz/run.sh TARGET [SECONDS] [extra libFuzzer flags...]
#     TARGET   xml | json | value | convert
#     SECONDS  run time (default 60)
#
# Environment: WWC_FUZZ_NO_BUILD=1 skips the build; WWC_FUZZ_DIR (default .build-fuzz) is the
# scratch path holding the build, the growing corpora (corpus/TARGET), crash/leak/timeout
# artifacts (artifacts/TARGET) and logs (logs/TARGET.log).
# Exit status: 0 no finding; libFuzzer's non-zero status when it found a crash, leak or hang
# (a broken invariant traps: e.g. a `convert` record that violates the schema).
# `make test` runs every target for FUZZ_SMOKE_SECONDS (15) on the committed corpus (`make fuzz-smoke`).
set -euo pipefail

target=${1:?usage: Fuzz/run.sh xml|json|value|convert [SECONDS] [libFuzzer flags...]}
seconds=${2:-60}
shift $(( $# >= 2 ? 2 : 1 ))
case "$target" in xml|json|value|convert) ;; *) echo "unknown target: $target" >&2; exit 2;; esac

repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
scratch=${WWC_FUZZ_DIR:-.build-fuzz}
binary="$scratch/release/intake-fuzz"

if [ -z "${WWC_FUZZ_NO_BUILD:-}" ]; then
  # WWC_FUZZ adds the intake-fuzz target to Package.swift; the library and its C targets are
  # instrumented for coverage and AddressSanitizer (libxml2 and ICU are the system's, uninstrumented).
  WWC_FUZZ=1 swift build -c release --scratch-path "$scratch" --product intake-fuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -g \
    -Xcc -fsanitize=fuzzer-no-link,address -Xcxx -fsanitize=fuzzer-no-link,address >&2
fi

corpus="$scratch/corpus/$target"
artifacts="$scratch/artifacts/$target"
mkdir -p "$corpus" "$artifacts" "$scratch/logs"
# Seeds: the samples (forms) and the hand-written value seeds; the corpus keeps what libFuzzer adds.
case "$target" in
  xml) cp -n samples/*/*.xml "$corpus"/ ;;
  json) cp -n $(ls samples/*/*.json | grep -v '\.expected\.json$') "$corpus"/ ;;
  value) cp -n Fuzz/seeds/value/* "$corpus"/ ;;
  convert) cp -n $(ls samples/*/*.xml samples/*/*.json | grep -v '\.expected\.json$') "$corpus"/ ;;
esac
# Committed regression inputs are seeds too, so libFuzzer starts from every past finding.
cp -n Tests/WWCIntakeTests/Fixtures/fuzz/"$target"-* "$corpus"/ 2>/dev/null || true

dict=()
case "$target" in
  xml) dict=(-dict=Fuzz/dict/xml.dict) ;;
  json) dict=(-dict=Fuzz/dict/json.dict) ;;
  convert) dict=(-dict=Fuzz/dict/xml.dict) ;;
esac

export WWC_FUZZ_TARGET="$target" WWC_LOCALES="$repo/locales" \
  WWC_SCHEMA="$repo/Tests/WWCIntakeTests/Fixtures/schemas/canonical-application.schema.json"
# Inputs up to 64 KiB: big enough for whole forms, small enough to keep executions fast.
exec "$binary" "$corpus" "${dict[@]}" \
  -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len=65536 \
  -artifact_prefix="$artifacts/" -print_final_stats=1 "$@" 2>&1 | tee "$scratch/logs/$target.log"
