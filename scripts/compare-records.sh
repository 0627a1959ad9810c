#!/usr/bin/env bash
# Checks that two builds of `intake` write the same records and the same diagnostics, byte for
# byte, on every corpus the project keeps: a refactoring of the converter must change nothing a
# user sees. Usage:
#
#   scripts/compare-records.sh BASELINE_INTAKE NEW_INTAKE [FORMS]
#
# BASELINE_INTAKE / NEW_INTAKE: `intake` binaries (e.g. a release build of main in another
# checkout, and this tree's .build/release/intake). Each reads the catalogs of its own checkout
# (ROOT/locales for ROOT/.build/…/intake) unless WWC_INTAKE_LOCALES_BASE / _NEW say otherwise.
# FORMS: size of the generated benchmark corpus (default 400), made by NEW's `intake-bench
# convert --generate-only` next to NEW_INTAKE (the corpus generator is deterministic).
#
# Corpora: samples/ (every language), samples/invalid, the benchmark corpus (XML and JSON), the
# fuzz seeds and regression inputs (Fuzz/seeds, Tests/WWCIntakeTests/Fixtures/fuzz) and the
# reader fixtures (Tests/WWCIntakeTests/Fixtures/reading). For each corpus and binary:
#   convert --out-dir   records as files (diff -r), text diagnostics (stderr), exit status
#   convert             stdout (the records as JSON Lines), exit status
#   validate --format json / sarif   stdout and exit status
# Every file is also converted alone (one record on stdout, stderr, exit status), so a form's
# result cannot hide behind the batch's. Exit 0 when everything matches, 1 with the differences.
set -uo pipefail
[ $# -ge 2 ] || { sed -n '2,20p' "$0" >&2; exit 2; }
base="$(realpath "$1")"; new="$(realpath "$2")"; forms="${3:-400}"
root="$(cd "$(dirname "$0")/.." && pwd)"
locales_of() { local dir; dir="$(dirname "$1")"; while [ "$dir" != / ] && [ ! -d "$dir/locales" ]; do dir="$(dirname "$dir")"; done; echo "$dir/locales"; }
base_locales="${WWC_INTAKE_LOCALES_BASE:-$(locales_of "$base")}"
new_locales="${WWC_INTAKE_LOCALES_NEW:-$(locales_of "$new")}"
work="$(mktemp -d /tmp/wwc-compare.XXXXXX)"
trap 'rm -rf "$work"' EXIT

# Inputs are copied under one folder so both binaries see the same relative paths.
mkdir -p "$work/in"
cp -r "$root/samples" "$work/in/samples"
mkdir -p "$work/in/fuzz" "$work/in/reading"
cp -r "$root/Fuzz/seeds/." "$work/in/fuzz/"
cp "$root"/Tests/WWCIntakeTests/Fixtures/fuzz/* "$work/in/fuzz/"
cp "$root"/Tests/WWCIntakeTests/Fixtures/reading/* "$work/in/reading/"
# Extensionless fuzz inputs: give each a sniffable copy as .xml and .json too.
for file in $(find "$work/in/fuzz" -type f ! -name '*.xml' ! -name '*.json'); do
    cp "$file" "$file.xml"; cp "$file" "$file.json"
done
bench="$(dirname "$new")/intake-bench"
if [ -x "$bench" ]; then
    corpus="$(WWC_INTAKE_LOCALES="$new_locales" "$bench" convert --forms "$forms" --generate-only --locales "$new_locales" 2>&1 \
        | sed -n 's/.* in \(\/[^ ]*\) (generated.*/\1/p')"
    if [ -d "$corpus" ]; then
        mv "$corpus" "$work/in/bench"
    else
        echo "warning: benchmark corpus generation failed; compared without it" >&2
    fi
else
    echo "warning: no intake-bench beside $new; compared without the benchmark corpus" >&2
fi
corpora=(samples samples/invalid bench fuzz reading)

run() {  # run NAME BINARY LOCALES
    local name="$1" binary="$2" locales="$3" out="$work/$1"
    mkdir -p "$out"
    cd "$work/in"
    for corpus in "${corpora[@]}"; do
        [ -d "$corpus" ] || continue
        local tag="${corpus//\//_}"
        WWC_INTAKE_LOCALES="$locales" "$binary" convert "$corpus" --jobs 1 --out-dir "$out/records/$tag" \
            >"$out/$tag.outdir.stdout" 2>"$out/$tag.outdir.stderr"; echo $? >"$out/$tag.outdir.rc"
        WWC_INTAKE_LOCALES="$locales" "$binary" convert "$corpus" --jobs 1 \
            >"$out/$tag.convert.stdout" 2>"$out/$tag.convert.stderr"; echo $? >"$out/$tag.convert.rc"
        for format in json sarif; do
            WWC_INTAKE_LOCALES="$locales" "$binary" validate "$corpus" --format "$format" \
                >"$out/$tag.validate-$format.stdout" 2>/dev/null; echo $? >"$out/$tag.validate-$format.rc"
        done
    done
    # One form alone (not the benchmark corpus: thousands of start-ups).
    for file in $(find samples fuzz reading -type f | sort); do
        local tag="single/${file//\//_}"
        mkdir -p "$out/single"
        WWC_INTAKE_LOCALES="$locales" "$binary" convert "$file" >"$out/$tag.stdout" 2>"$out/$tag.stderr"
        echo $? >"$out/$tag.rc"
    done
    cd - >/dev/null
}

run base "$base" "$base_locales"
run new "$new" "$new_locales"

files=$(cd "$work/base" && find . -type f | wc -l)
records=$(find "$work/base/records" -type f | wc -l)
if diff -r "$work/base" "$work/new" >"$work/diff.txt"; then
    echo "identical: $files outputs compared ($records records written per binary; corpora: ${corpora[*]}, $(find "$work/in" -type f | wc -l) input files)"
    exit 0
fi
echo "DIFFERENT ($(grep -c '^diff\|^Only' "$work/diff.txt") files differ):"
head -n 200 "$work/diff.txt"
exit 1
