# Sourced by scripts/test.sh and scripts/with-postgres.sh: a throwaway PostgreSQL 15 cluster
# (Debian's `postgresql` package) in a temporary directory, on a free port, trust auth on
# 127.0.0.1 only. initdb and pg_ctl refuse to run as root, so as root they run as `postgres`.
#   pg_cluster_start   sets and exports CUSTOMERS_TEST_PG (the cluster's base URL), PG_CLUSTER_DIR
#   pg_cluster_stop    stops it and removes the directory

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_cluster_start() {
  if [ ! -x "$PG_BIN/initdb" ]; then
    echo "pg-cluster: $PG_BIN/initdb is missing: install Debian's postgresql (scripts/bootstrap.sh does)" >&2
    return 1
  fi
  local port
  PG_CLUSTER_DIR=$(mktemp -d /tmp/customers-pg.XXXXXX)
  [ "$(id -u)" -ne 0 ] || chown postgres: "$PG_CLUSTER_DIR"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  if ! pg_as_owner "$PG_BIN/initdb" -D "$PG_CLUSTER_DIR/data" -U postgres -A trust --no-sync \
      --encoding UTF8 --locale C.UTF-8 >"$PG_CLUSTER_DIR/initdb.log" 2>&1; then
    echo "pg-cluster: initdb failed:" >&2; cat "$PG_CLUSTER_DIR/initdb.log" >&2
    return 1
  fi
  # fsync off: the cluster is thrown away, and the crash tests kill the server, not PostgreSQL.
  if ! pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_CLUSTER_DIR/data" -w -t 60 -l "$PG_CLUSTER_DIR/server.log" \
      -o "-k $PG_CLUSTER_DIR -p $port -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off" \
      start >/dev/null; then
    echo "pg-cluster: the cluster did not start:" >&2; tail -n 20 "$PG_CLUSTER_DIR/server.log" >&2
    return 1
  fi
  export CUSTOMERS_TEST_PG="postgres://postgres@127.0.0.1:$port/postgres"
  export PG_CLUSTER_DIR
  echo "pg-cluster: PostgreSQL 15 at $CUSTOMERS_TEST_PG ($PG_CLUSTER_DIR)"
}

pg_cluster_stop() {
  [ -n "${PG_CLUSTER_DIR:-}" ] && [ -d "$PG_CLUSTER_DIR" ] || return 0
  pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_CLUSTER_DIR/data" -m immediate -w stop >/dev/null 2>&1
  rm -rf "$PG_CLUSTER_DIR"
  unset PG_CLUSTER_DIR CUSTOMERS_TEST_PG
}
