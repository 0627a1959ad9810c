#!/usr/bin/env bash
# Runs the whole test suite under AddressSanitizer and ThreadSanitizer.
#
#   scripts/sanitizers.sh [address|thread|all] [extra `swift test` arguments, e.g. --filter BatchFault]
#
# Each sanitizer has its own scratch path (.build-asan, .build-tsan; git-ignored as .build-*),
# so the normal .build stays as it is. The suite includes the `--jobs` workload: BatchFaultTests
# converts 1,000 forms on 4 threads through BatchConverter, and BatchFaultCLITests runs the
# (instrumented) `intake` binary with --jobs 2 and 3.
#
# AddressSanitizer runs with LeakSanitizer on: a leak in a test process fails the run.
# libxml2 and ICU are the system's uninstrumented libraries: ASan still catches our misuse of
# their memory (heap buffers are ASan's), TSan sees only our side of their calls.
# Exit status: non-zero if any run fails; a summary line per sanitizer at the end.
set -uo pipefail

which=${1:-all}
[ $# -gt 0 ] && shift
cd "$(dirname "$0")/.."

# Symbolized reports; halt on the first error so the report is not buried.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1}
# Toolchain leaks (XCTest runner, Foundation.Process) are suppressed: scripts/lsan.supp.
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/scripts/lsan.supp:print_suppressions=0}
export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1}

summary=()
status=0
run() {
  local sanitizer=$1 scratch=$2
  shift 2
  echo "== swift test --sanitize=$sanitizer --scratch-path $scratch $*" >&2
  local start=$SECONDS
  if swift test --sanitize="$sanitizer" --scratch-path "$scratch" "$@"; then
    summary+=("$sanitizer: passed ($((SECONDS - start)) s)")
  else
    summary+=("$sanitizer: FAILED ($((SECONDS - start)) s)")
    status=1
  fi
}

case "$which" in
  address) run address .build-asan "$@" ;;
  thread) run thread .build-tsan "$@" ;;
  all) run address .build-asan "$@"; run thread .build-tsan "$@" ;;
  *) echo "usage: scripts/sanitizers.sh [address|thread|all] [swift test arguments]" >&2; exit 2 ;;
esac
printf '%s\n' "${summary[@]}" >&2
exit $status
