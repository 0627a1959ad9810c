#!/usr/bin/env bash
# CI check of `make install`, `make uninstall` and `make deb` (issue 16): the installed program
# runs from / with an empty environment and finds its own catalogs and rubric; completions and
# man page are there; uninstall leaves nothing; the .deb's program runs from an extracted root
# and its Depends cover every library the program links directly.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "install-check: $*" >&2; exit 1; }
clean_env=(env -i PATH=/usr/bin:/bin)

make --no-print-directory dist   # the one release build; install and deb below reuse it

prefix=$work/prefix
make --no-print-directory install PREFIX="$prefix" >/dev/null
intake=$prefix/bin/intake
share=$prefix/share/wwc-intake

version=$(cd / && "${clean_env[@]}" "$intake" --version)
grep -qx "catalogs: $share/locales (installed)" <<<"$version" || fail "--version does not report the installed catalogs: $version"
grep -qx "rubric: $share/rubrics/wwc-2022.json (installed)" <<<"$version" || fail "--version does not report the installed rubric: $version"

# Bogotá's form declares "es"; its country (CO) makes the locale es-CO.
(cd / && "${clean_env[@]}" "$intake" convert "$repo/samples/es/bogota.xml" 2>/dev/null) >"$work/record.json" \
    || fail "installed intake convert failed"
grep -q '"locale": "es-CO"' "$work/record.json" || fail "the converted record has no es-CO locale"
(cd / && "${clean_env[@]}" "$intake" score "$repo/samples/es/bogota.xml" --format json 2>/dev/null) >"$work/score.json" \
    || fail "installed intake score failed"
grep -q '"id": "wwc-certification"' "$work/score.json" || fail "the score names no rubric"

for file in share/bash-completion/completions/intake share/zsh/site-functions/_intake \
            share/fish/vendor_completions.d/intake.fish share/man/man1/intake.1 share/doc/wwc-intake/README.md; do
    [ -s "$prefix/$file" ] || fail "$file is missing or empty"
done
grep -q '^\.Sh NAME' "$prefix/share/man/man1/intake.1" || fail "the man page has no NAME section"
grep -q 'convert' "$prefix/share/bash-completion/completions/intake" || fail "the bash completion lacks the subcommands"
bash -c "source '$prefix/share/bash-completion/completions/intake' && complete -p intake" >/dev/null \
    || fail "the bash completion does not register for intake"

# The server: `intake serve` hands over to the installed intake-server, which finds the page
# templates, the catalogs and the rubric under share/ with nothing set in the environment.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
(cd / && exec "${clean_env[@]}" "$intake" serve --port "$port" --db "$work/register.sqlite") 2>"$work/server.log" &
server=$!
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
status=$(curl -s -o "$work/validate.json" -w '%{http_code}' -H 'Accept-Language: es' \
    --data-binary @"$repo/samples/invalid/es-number-invalid.xml" "http://127.0.0.1:$port/v1/validate") || true
sign_in=$(curl -s -o "$work/sign-in.html" -w '%{http_code}' -H 'Accept-Language: fr' "http://127.0.0.1:$port/ui/sign-in") || true
kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true
[ "$status" = 200 ] || fail "installed intake serve: POST /v1/validate answered $status ($(cat "$work/server.log"))"
grep -q '"number.invalid"' "$work/validate.json" || fail "installed intake serve: no number.invalid in $(cat "$work/validate.json")"
[ "$sign_in" = 200 ] && grep -q 'lang="fr"' "$work/sign-in.html" \
    || fail "installed intake serve: /ui/sign-in answered $sign_in without the French page ($(cat "$work/server.log"))"
[ -s "$prefix/share/wwc-intake/openapi.yaml" ] || fail "openapi.yaml is not installed"

make --no-print-directory uninstall PREFIX="$prefix" >/dev/null
left=$(find "$prefix" -type f)
[ -z "$left" ] || fail "uninstall left files behind: $left"

make --no-print-directory deb >/dev/null
deb=$(ls wwc-intake_*.deb)
root=$work/root
dpkg-deb -x "$deb" "$root"
version=$(cd / && "${clean_env[@]}" "$root/usr/bin/intake" --version)
grep -qx "catalogs: $root/usr/share/wwc-intake/locales (installed)" <<<"$version" \
    || fail "the packaged intake does not find its catalogs: $version"
[ "$(head -1 <<<"$version")" = "intake $(dpkg-deb -f "$deb" Version)" ] || fail "package and program versions differ"

# Every library the program needs directly comes from a package it depends on (and none is
# the Swift runtime, which a machine without Swift does not have).
depends=$(dpkg-deb -f "$deb" Depends | tr -d ' ' | tr ',' '\n')
for program in intake intake-server; do
for library in $(objdump -p "$root/usr/bin/$program" | awk '$1 == "NEEDED" {print $2}'); do
    case $library in libswift*|libFoundation*|libdispatch*|libBlocksRuntime*) fail "links the Swift runtime: $library" ;; esac
    path=$(ldd "$root/usr/bin/$program" | awk -v lib="$library" \
        '{ name = $1; sub(".*/", "", name) } name == lib { print ($2 == "=>" ? $3 : $1); exit }')
    [ -n "$path" ] || fail "ldd does not resolve $library"
    package=$(dpkg -S "$(readlink -f "$path")" 2>/dev/null | head -1 | cut -d: -f1) || true
    [ -z "$package" ] && package=$(dpkg -S "$path" | head -1 | cut -d: -f1)
    grep -qx "$package" <<<"$depends" || fail "$program: $library comes from $package, which is not in Depends ($depends)"
done
done
echo "install-check: ok (install, uninstall, $deb: $(du -k "$deb" | cut -f1) KiB)"
