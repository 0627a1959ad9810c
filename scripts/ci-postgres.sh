#!/usr/bin/env bash
# A private PostgreSQL cluster for the register's store tests (issue 18).
#
#   eval "$(scripts/ci-postgres.sh start)"   # installs PostgreSQL from Debian if missing, starts a
#                                            # cluster on 127.0.0.1 and a free port, prints
#                                            # `export WWC_TEST_POSTGRES_URL=postgres://…`
#                                            # and `export WWC_CI_POSTGRES_DIR=…`
#   scripts/ci-postgres.sh stop              # stops the cluster in $WWC_CI_POSTGRES_DIR, removes it
#
# The cluster lives in a temporary folder owned by the `postgres` user (initdb refuses root),
# listens on loopback only, trusts local connections and never touches the system's cluster.
set -euo pipefail

as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"
  elif [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"
  else sudo -u postgres -- "$@"
  fi
}

bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

start() {
  if ! bindir >/dev/null; then
    echo "installing: postgresql (register store tests)" >&2
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO apt-get update -qq >&2
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  fi
  local bin dir port
  bin=$(bindir)
  dir=$(mktemp -d /tmp/wwc-ci-postgres.XXXXXX)
  chown postgres: "$dir" 2>/dev/null || true
  chmod 700 "$dir"
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  as_postgres "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c max_connections=200" start >&2 \
    || { cat "$dir/server.log" >&2; exit 1; }
  echo "$bin" >"$dir/bindir"
  echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') started on 127.0.0.1:$port ($dir)" >&2
  echo "export WWC_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:$port/postgres WWC_CI_POSTGRES_DIR=$dir"
}

stop() {
  local dir=${WWC_CI_POSTGRES_DIR:-}
  [ -n "$dir" ] && [ -f "$dir/bindir" ] || exit 0
  as_postgres "$(cat "$dir/bindir")/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
