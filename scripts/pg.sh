# A throw-away PostgreSQL cluster for the tests. Sourced by scripts/test, not run.
#
# sluice_pg_start: initdb + pg_ctl (from /usr/lib/postgresql/*/bin) in a temporary folder, listening on
# 127.0.0.1 on a free port (its socket in the same folder, so nothing of the system's PostgreSQL is used or
# needed), creates the database sluice_test and exports
#     SLUICE_TEST_PG=postgresql://USER@127.0.0.1:PORT/sluice_test
# PostgreSQL refuses to run as root: as root the cluster runs as the `postgres` user (created by the
# Debian package) and the folder is chowned to it. As an ordinary user it runs as that user.
# A trap on EXIT stops the server and removes the folder.

SLUICE_PG_DIR=""
SLUICE_PG_BIN=""
SLUICE_PG_RUNAS=()

sluice_pg_run() {
    "${SLUICE_PG_RUNAS[@]}" "$@"
}

sluice_pg_port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

sluice_pg_stop() {
    if [ -n "$SLUICE_PG_DIR" ] && [ -d "$SLUICE_PG_DIR" ]; then
        if [ -f "$SLUICE_PG_DIR/data/postmaster.pid" ]; then
            sluice_pg_run "$SLUICE_PG_BIN/pg_ctl" -D "$SLUICE_PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
        fi
        rm -rf "$SLUICE_PG_DIR"
    fi
    SLUICE_PG_DIR=""
}

sluice_pg_start() {
    SLUICE_PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
    if [ -z "$SLUICE_PG_BIN" ] || [ ! -x "$SLUICE_PG_BIN/initdb" ]; then
        echo "error: PostgreSQL's initdb not found under /usr/lib/postgresql/*/bin (apt package postgresql)" >&2
        return 1
    fi
    local user
    SLUICE_PG_DIR="$(mktemp -d "${TMPDIR:-/tmp}/sluice-pg.XXXXXX")"
    trap sluice_pg_stop EXIT
    if [ "$(id -u)" -eq 0 ]; then
        user=postgres
        if ! id "$user" >/dev/null 2>&1; then
            echo "error: running as root, but there is no 'postgres' user to run PostgreSQL as" >&2
            return 1
        fi
        chown "$user:" "$SLUICE_PG_DIR"
        if command -v runuser >/dev/null 2>&1; then
            SLUICE_PG_RUNAS=(runuser -u "$user" --)
        else
            SLUICE_PG_RUNAS=(su -s /bin/sh "$user" -c '"$0" "$@"')
        fi
    else
        user="$(id -un)"
        SLUICE_PG_RUNAS=()
    fi
    chmod 700 "$SLUICE_PG_DIR"

    if ! sluice_pg_run "$SLUICE_PG_BIN/initdb" -D "$SLUICE_PG_DIR/data" -U "$user" -A trust -E UTF8 --no-sync \
        >"$SLUICE_PG_DIR/initdb.log" 2>&1; then
        cat "$SLUICE_PG_DIR/initdb.log" >&2
        echo "error: initdb failed" >&2
        return 1
    fi

    # A free port: try random ones until one is free and the server starts on it (another process may
    # take a port between the check and the start).
    local port attempt started=""
    for attempt in 1 2 3 4 5 6 7 8; do
        port=$((20000 + RANDOM % 40000))
        sluice_pg_port_in_use "$port" && continue
        if sluice_pg_run "$SLUICE_PG_BIN/pg_ctl" -D "$SLUICE_PG_DIR/data" -l "$SLUICE_PG_DIR/server.log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -p $port -k $SLUICE_PG_DIR -c fsync=off -c synchronous_commit=off" \
            start >/dev/null; then
            started=1
            break
        fi
    done
    if [ -z "$started" ]; then
        cat "$SLUICE_PG_DIR/server.log" >&2 2>/dev/null || true
        echo "error: could not start a PostgreSQL server (log above)" >&2
        return 1
    fi
    if ! sluice_pg_run "$SLUICE_PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U "$user" sluice_test; then
        echo "error: createdb sluice_test failed" >&2
        return 1
    fi
    export SLUICE_TEST_PG="postgresql://$user@127.0.0.1:$port/sluice_test"
    echo "PostgreSQL for the tests: $SLUICE_TEST_PG (in $SLUICE_PG_DIR)" >&2
}
