#!/usr/bin/env bash
# Tests `make deps` without installing anything: stub apt-get, dpkg, sudo, pip, python3 and id
# come first on PATH, record how they were called (and as which user id), and report every
# package as missing so every install branch runs. The recorded calls must be exactly the
# expected ones, run as root (no sudo) and as a non-root user (sudo before each apt-get), and
# nothing but the checks when everything is already there.
#
# Who the user is: the Makefile learns it only from `id -u`, so the stub `id` answers what the
# case asks for (FAKE_UID); both cases run on any machine, root or not. When this script runs
# as root and `setpriv` exists, the non-root case also runs for real as `nobody`.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
# The Makefile alone, in a folder every user can read (a fresh clone may be private to its owner).
repo=$work/repo
mkdir "$repo"
cp Makefile "$repo/"
stubs=$work/bin
mkdir -p "$stubs"
real_id=$(command -v id)

# Each stub appends one line: "<name> [uid=<id -u>] [DEBIAN_FRONTEND=<value>] <arguments>".
record='printf "%s uid=%s DEBIAN_FRONTEND=%s %s\n" "$(basename "$0")" "$(id -u)" "${DEBIAN_FRONTEND-}" "$*" >>"$CALLS"'
cat >"$stubs/id" <<EOF
#!/bin/sh
if [ "\$1" = -u ] && [ -n "\${FAKE_UID:-}" ]; then echo "\$FAKE_UID"; else exec $real_id "\$@"; fi
EOF
# Every package and jsonschema are missing, unless the case says they are there (PRESENT=1).
printf '#!/bin/sh\n%s\n[ -n "${PRESENT:-}" ]\n' "$record" >"$stubs/dpkg"
printf '#!/bin/sh\n%s\n[ -n "${PRESENT:-}" ]\n' "$record" >"$stubs/python3"
printf '#!/bin/sh\n%s\nexit 1\n' "$record" >"$stubs/pip"       # pip refuses (externally managed)
printf '#!/bin/sh\n%s\nexit 0\n' "$record" >"$stubs/apt-get"
# Like sudo: leading VAR=value arguments set the environment of the command.
printf '#!/bin/sh\n%s\nexec env FAKE_UID=0 "$@"\n' "$record" >"$stubs/sudo"
chmod 755 "$stubs"/*

# The packages the Makefile lists (one line, `DEB_PACKAGES := …`).
packages=$(sed -n 's/^DEB_PACKAGES *:= *//p' Makefile | tr -s ' ')
[ -n "$packages" ] || { echo "deps-check: no DEB_PACKAGES line in the Makefile" >&2; exit 1; }
expected() {  # $1: the user id make runs as
    local sudo_update="" sudo_install=""
    if [ "$1" != 0 ]; then
        sudo_update="sudo uid=$1 DEBIAN_FRONTEND= apt-get update -qq"
        sudo_install="sudo uid=$1 DEBIAN_FRONTEND= env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq"
    fi
    for p in $packages; do echo "dpkg uid=$1 DEBIAN_FRONTEND= -s $p"; done
    if [ -n "${PRESENT:-}" ]; then  # nothing to install: only the checks
        echo "python3 uid=$1 DEBIAN_FRONTEND= -c import jsonschema"
        return
    fi
    [ -z "$sudo_update" ] || echo "$sudo_update"
    echo "apt-get uid=0 DEBIAN_FRONTEND= update -qq"
    [ -z "$sudo_install" ] || echo "$sudo_install $packages"
    echo "apt-get uid=0 DEBIAN_FRONTEND=noninteractive install -y -qq $packages"
    echo "python3 uid=$1 DEBIAN_FRONTEND= -c import jsonschema"
    echo "pip uid=$1 DEBIAN_FRONTEND= install -q jsonschema"
    [ -z "$sudo_update" ] || echo "$sudo_update"
    echo "apt-get uid=0 DEBIAN_FRONTEND= update -qq"
    [ -z "$sudo_install" ] || echo "$sudo_install python3-jsonschema"
    echo "apt-get uid=0 DEBIAN_FRONTEND=noninteractive install -y -qq python3-jsonschema"
}

failed=0
check() {  # $1: case name, $2: user id expected in the calls, rest: how to run make
    local name=$1 uid=$2
    shift 2
    local calls=$work/calls-$name
    : >"$calls"
    chmod 666 "$calls"
    if ! env -u DEBIAN_FRONTEND CALLS="$calls" PATH="$stubs:/usr/bin:/bin" "$@" \
        make --no-print-directory -s -C "$repo" deps >"$work/out-$name" 2>&1; then
        echo "deps-check: $name: make deps failed:" >&2
        cat "$work/out-$name" >&2
        failed=1
        return
    fi
    if diff -u <(expected "$uid") "$calls" >"$work/diff-$name"; then
        echo "deps-check: $name: ok ($(wc -l <"$calls") recorded calls, nothing installed)"
    else
        echo "deps-check: $name: make deps ran other commands than expected:" >&2
        cat "$work/diff-$name" >&2
        failed=1
    fi
}

check root 0 env FAKE_UID=0
check user 1000 env FAKE_UID=1000
PRESENT=1 check user-up-to-date 1000 env FAKE_UID=1000 PRESENT=1
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null && nobody=$(id -u nobody 2>/dev/null); then
    check nobody "$nobody" setpriv --reuid="$nobody" --regid="$(id -g nobody)" --clear-groups env HOME="$work"
fi
exit $failed
