# shellcheck shell=bash
# Shared by the examples' run.sh scripts (source it): finds sluice-cli, makes a work folder, starts and
# stops `sluice-cli serve`, waits for what it prints, and reads fields out of its JSON lines.
#
#   SLUICE_BIN=DIR        where sluice-cli is (default: build/bin of this repository)
#   SLUICE_EXAMPLE_DIR=D  keep the store, database and folders in D (default: a temporary folder, removed)

EXAMPLES_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REPO_ROOT=$(cd "$EXAMPLES_ROOT/../.." && pwd)
CLI="${SLUICE_BIN:-$REPO_ROOT/build/bin}/sluice-cli"
if [ ! -x "$CLI" ]; then
    echo "sluice-cli not found at $CLI: build it first (scripts/test or scripts/run), or set SLUICE_BIN" >&2
    exit 2
fi

if [ -n "${SLUICE_EXAMPLE_DIR:-}" ]; then
    WORK="$SLUICE_EXAMPLE_DIR"
    mkdir -p "$WORK"
    KEEP_WORK=1
else
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/sluice-example.XXXXXX")
    KEEP_WORK=0
fi
STORE="$WORK/store.db"
SERVE_PID=""

example_cleanup() {
    if [ -n "$SERVE_PID" ] && kill -0 "$SERVE_PID" 2>/dev/null; then
        kill -TERM "$SERVE_PID" 2>/dev/null || true
        wait "$SERVE_PID" 2>/dev/null || true
    fi
    if [ "$KEEP_WORK" = 0 ]; then
        rm -rf "$WORK"
    else
        echo "Kept: $WORK"
    fi
}
trap example_cleanup EXIT
trap 'exit 130' INT TERM

BOLD=""
PLAIN=""
if [ -t 1 ]; then
    BOLD=$(tput bold 2>/dev/null || true)
    PLAIN=$(tput sgr0 2>/dev/null || true)
fi

step() {
    echo
    echo "${BOLD}== $*${PLAIN}"
}

say() {
    echo "   $*"
}

# Runs sluice-cli on the example's store, echoing the command.
cli() {
    echo "   \$ sluice-cli $*" >&2
    "$CLI" "$@" --store "$STORE"
}

# Pretty-prints JSON from stdin when python3 is there (else as it is).
pretty() {
    if command -v python3 >/dev/null 2>&1; then
        python3 -m json.tool --no-ensure-ascii 2>/dev/null | sed 's/^/   /'
    else
        sed 's/^/   /'
    fi
}

# Prints a JSON object of row arrays ({"table": [{column: value}, ...], ...}) from stdin as aligned tables
# when python3 is there (else the JSON as it is).
tables() {
    if ! command -v python3 >/dev/null 2>&1; then
        sed 's/^/   /'
        return
    fi
    python3 -c '
import json, sys
for name, rows in json.load(sys.stdin).items():
    print("   " + name + ":")
    if not rows:
        print("     (none)")
        continue
    columns = sorted(rows[0].keys(), key=lambda c: (c not in ("order_id", "report_date", "sku"), not c.endswith("id"), c))
    text = lambda v: "" if v is None else str(v)
    widths = [max(len(c), *(len(text(r.get(c))) for r in rows)) for c in columns]
    print("     " + "  ".join(c.ljust(w) for c, w in zip(columns, widths)))
    for r in rows:
        print("     " + "  ".join(text(r.get(c)).ljust(w) for c, w in zip(columns, widths)))
'
}

# json_field KEY: the first string value of KEY in the JSON on stdin.
json_field() {
    grep -o "\"$1\":\"[^\"]*\"" | head -1 | cut -d'"' -f4
}

# wait_line FILE PATTERN SECONDS [SKIP]: prints the first line of FILE after the first SKIP lines that matches
# PATTERN (a fixed string), waiting up to SECONDS for it; fails when it does not come.
wait_line() {
    local file=$1 pattern=$2 seconds=$3 skip=${4:-0} tries line
    tries=$((seconds * 10))
    while [ "$tries" -gt 0 ]; do
        line=$(tail -n +"$((skip + 1))" "$file" 2>/dev/null | grep -F -m1 -- "$pattern" || true)
        if [ -n "$line" ]; then
            echo "$line"
            return 0
        fi
        if [ -n "$SERVE_PID" ] && ! kill -0 "$SERVE_PID" 2>/dev/null; then
            echo "serve stopped unexpectedly; its messages:" >&2
            cat "$WORK/serve.err" >&2
            return 1
        fi
        sleep 0.1
        tries=$((tries - 1))
    done
    echo "waited ${seconds}s for '$pattern' in $file; serve's messages:" >&2
    cat "$WORK/serve.err" >&2 2>/dev/null || true
    return 1
}

# start_serve ARGS...: starts `sluice-cli serve` on the example's store in the background (its JSON lines go to
# $WORK/serve.out, its messages to $WORK/serve.err, both started afresh) and waits until it is ready.
start_serve() {
    : >"$WORK/serve.out"
    : >"$WORK/serve.err"
    echo "   \$ sluice-cli serve $* &"
    "$CLI" serve --store "$STORE" "$@" >"$WORK/serve.out" 2>"$WORK/serve.err" &
    SERVE_PID=$!
    wait_line "$WORK/serve.out" '"ready":true' 30 >/dev/null
    say "serve is running (pid $SERVE_PID): $(grep -v '^$' "$WORK/serve.err" | tr '\n' ';' | sed 's/;$//; s/;/; /g')"
}

# stop_serve: SIGTERM, and the exit code it ends with.
stop_serve() {
    local code=0
    kill -TERM "$SERVE_PID"
    wait "$SERVE_PID" || code=$?
    SERVE_PID=""
    say "serve stopped on SIGTERM with exit code $code"
    return "$code"
}

# wait_finished EXECUTION SECONDS: waits until the execution is no longer RUNNING and prints its status.
wait_finished() {
    local id=$1 tries=$(($2 * 10)) status=""
    while [ "$tries" -gt 0 ]; do
        status=$("$CLI" runs --store "$STORE" | grep -F "\"id\":\"$id\"" | json_field status || true)
        if [ -n "$status" ] && [ "$status" != RUNNING ]; then
            break
        fi
        sleep 0.1
        tries=$((tries - 1))
    done
    echo "$status"
}
