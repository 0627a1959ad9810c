#!/usr/bin/env bash
# Instruction profile of `intake convert` (valgrind callgrind): reproducible on a shared,
# noisy machine where wall-clock timings drift. Usage:
#
#   scripts/profile-convert.sh [FORMS] [xml|json]     # default: 100 XML forms
#
# Builds release, generates the benchmark corpus (intake-bench convert --generate-only),
# profiles `intake convert` on the first FORMS files of one format and `xmllint --stream
# --noout` on the same XML files, then prints instructions per input byte for both, the cost
# per shared object and the top functions (inclusive). valgrind 3.19 cannot read the release
# binary's DWARF 5, so a copy without debug info is profiled (function names stay).
set -euo pipefail
forms="${1:-100}"
format="${2:-xml}"
root="$(cd "$(dirname "$0")/.." && pwd)"
command -v valgrind >/dev/null || { echo "valgrind is missing (Debian: apt-get install -y valgrind)" >&2; exit 2; }
cd "$root"
make --no-print-directory -s release >/dev/null
work="$(mktemp -d /tmp/wwc-profile.XXXXXX)"
trap 'rm -rf "$work"' EXIT
corpus="$(.build/release/intake-bench convert --forms $((forms * 2 + 40)) --generate-only | sed -n 's/.* in \(\/[^ ]*\) (generated.*/\1/p')"
[ -d "$corpus" ] || { echo "corpus generation failed" >&2; exit 1; }
trap 'rm -rf "$work" "$corpus"' EXIT
ls "$corpus/$format"/*."$format" | head -n "$forms" > "$work/files"
bytes=$(cat $(cat "$work/files") | wc -c)
objcopy --strip-debug .build/release/intake "$work/intake"
export WWC_INTAKE_LOCALES="$root/locales"
valgrind --tool=callgrind --callgrind-out-file="$work/intake.cg" "$work/intake" convert $(cat "$work/files") \
    --out-dir "$work/out" >/dev/null 2>"$work/intake.log" || true
intake_ir=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$work/intake.log")
valgrind --tool=callgrind --callgrind-out-file="$work/one.cg" "$work/intake" convert "$(head -n 1 "$work/files")" \
    >/dev/null 2>"$work/one.log" || true
one_ir=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$work/one.log")
echo "intake convert: $forms $format files, $bytes bytes: $intake_ir instructions"
echo "  one form alone (start-up included): $one_ir instructions"
echo "  per byte, start-up excluded: $(( (intake_ir - one_ir) / bytes ))"
if [ "$format" = xml ] && command -v xmllint >/dev/null; then
    valgrind --tool=callgrind --callgrind-out-file="$work/xmllint.cg" xmllint --stream --noout $(cat "$work/files") \
        >/dev/null 2>"$work/xmllint.log" || true
    xmllint_ir=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$work/xmllint.log")
    echo "xmllint --stream --noout, same files: $xmllint_ir instructions ($(( xmllint_ir / bytes )) per byte)"
    echo "instruction ratio xmllint / intake (start-up excluded): $(python3 -c "print(f'{$xmllint_ir / ($intake_ir - $one_ir):.2f}')")"
fi
echo
echo "self cost by shared object:"
callgrind_annotate --threshold=100 "$work/intake.cg" 2>/dev/null | python3 -c '
import sys, re, collections
cost = collections.Counter()
for line in sys.stdin:
    match = re.match(r"^\s*([\d,]+) \(.*\)\s+.*\[(.*)\]\s*$", line)
    if match: cost[match.group(2).split("/")[-1]] += int(match.group(1).replace(",", ""))
for name, value in cost.most_common(8): print(f"  {value / 1e6:9.1f} M  {name}")'
echo
echo "top functions, inclusive:"
callgrind_annotate --inclusive=yes "$work/intake.cg" 2>/dev/null | grep -E '^ *[0-9,]+ ' | sed -n '2,40p' \
    | sed -E 's/ \[[^]]*\]$//' | cut -c1-160
