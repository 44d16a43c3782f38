# A throw-away PostgreSQL cluster on 127.0.0.1, for the test suite. Sourced by .ci/run and scripts/test-pg.sh.
#
#   . scripts/pg-server.sh
#   pg_server_start        # installs the Debian packages if missing, starts a cluster, exports HEDONG_TEST_PG
#   pg_server_stop         # stops it and removes its folder (safe to call twice; use it in a trap)
#
# The server refuses to run as root, so when this runs as root (CI) the cluster belongs to the `postgres`
# user. Only loopback is listened on; TCP logins need a password (SCRAM), as on a real server, and the
# superuser's is kept in a pgpass file ($PGPASSFILE) the way libpq finds passwords. It lives only as long as the run.

PG_SERVER_PORTS="${PG_SERVER_PORTS:-55432 55433 55434 55435 55436 55437 55438 55439}"
# fsync is off by default: a test server holds nothing worth keeping. Benchmarks set PG_SERVER_FSYNC=on.

pg_server_bindir() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [ -z "$dir" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "PostgreSQL is missing: installing the Debian packages" >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null \
            || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null; }
        dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    fi
    [ -n "$dir" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; return 1; }
    echo "$dir"
}

pg_server_as() {  # run a server binary as the cluster's owner
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_server_free_port() {
    local port
    for port in $PG_SERVER_PORTS; do
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
    done
    echo "no free port among $PG_SERVER_PORTS" >&2
    return 1
}

pg_server_start() {
    local bindir port
    bindir=$(pg_server_bindir) || return 1
    port=$(pg_server_free_port) || return 1
    PG_SERVER_DIR=$(mktemp -d /tmp/hedong-pg.XXXXXX)
    chmod 755 "$PG_SERVER_DIR"
    [ "$(id -u)" = 0 ] && chown postgres "$PG_SERVER_DIR"
    local password
    password="test-$RANDOM$RANDOM"
    echo "$password" > "$PG_SERVER_DIR/superuser-password"
    [ "$(id -u)" = 0 ] && chown postgres "$PG_SERVER_DIR/superuser-password"
    pg_server_as "$bindir/initdb" -D "$PG_SERVER_DIR/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
        --pwfile="$PG_SERVER_DIR/superuser-password" -E UTF8 --locale=C.UTF-8 >/dev/null || return 1
    rm -f "$PG_SERVER_DIR/superuser-password"
    echo "127.0.0.1:$port:*:postgres:$password" > "$PG_SERVER_DIR/pgpass"
    chmod 600 "$PG_SERVER_DIR/pgpass"
    pg_server_as "$bindir/pg_ctl" -D "$PG_SERVER_DIR/data" -l "$PG_SERVER_DIR/server.log" -w -t 30 \
        -o "-h 127.0.0.1 -p $port -k $PG_SERVER_DIR -c fsync=${PG_SERVER_FSYNC:-off} -c max_connections=60" start >/dev/null || {
        cat "$PG_SERVER_DIR/server.log" >&2
        return 1
    }
    PG_SERVER_BINDIR=$bindir
    export PG_SERVER_DIR PG_SERVER_BINDIR PGPASSFILE="$PG_SERVER_DIR/pgpass"
    export HEDONG_TEST_PG="postgresql://postgres@127.0.0.1:$port/postgres"
    echo "test server: $HEDONG_TEST_PG (folder $PG_SERVER_DIR)" >&2
}

pg_server_stop() {
    if [ -n "${PG_SERVER_DIR:-}" ] && [ -d "$PG_SERVER_DIR" ]; then
        pg_server_as "$PG_SERVER_BINDIR/pg_ctl" -D "$PG_SERVER_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
        rm -rf "$PG_SERVER_DIR"
    fi
    PG_SERVER_DIR=
}
