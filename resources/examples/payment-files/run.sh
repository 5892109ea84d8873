#!/usr/bin/env bash
# Payment file ingestion, end to end, in one command:
#
#   resources/examples/payment-files/run.sh
#
# Runs `sluice-cli serve` with rules.json (a folder trigger on PAYMENTS_HOME/inbox), drops the encrypted
# sample file into the inbox, waits for the execution it starts, shows the table, the archive and the one
# transaction in the DLQ, replays it as it is (it fails again), then from the stage "Archive transaction"
# with a corrected input (it succeeds and the file's run is redriven to SUCCEEDED), and stops serve.
# Needs build/bin from scripts/run or scripts/test (or SLUICE_BIN=folder) and openssl.
#
#   PAYMENTS_HOME=DIR    where inbox/, work/, archive/ and payments.db go (default: a temporary folder)
#   SLUICE_STORE=FILE    the journal (default: store.db in PAYMENTS_HOME)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../.." && pwd)
bin=${SLUICE_BIN:-$root/build/bin}
[ -x "$bin/sluice-cli" ] || { echo "error: $bin/sluice-cli not found: build first (scripts/run or scripts/test), or set SLUICE_BIN" >&2; exit 2; }
command -v openssl >/dev/null || { echo "error: openssl is needed (apt-get install openssl)" >&2; exit 2; }

temporary=
if [ -z "${PAYMENTS_HOME:-}" ]; then
    temporary=$(mktemp -d "${TMPDIR:-/tmp}/payment-files.XXXXXX")
    PAYMENTS_HOME=$temporary
fi
export PAYMENTS_HOME
mkdir -p "$PAYMENTS_HOME/inbox"
export SLUICE_STORE=${SLUICE_STORE:-$PAYMENTS_HOME/store.db}
# The demo keys. The sample file was encrypted with:
#   openssl enc -aes-256-cbc -pbkdf2 -salt -in data/payments-2026-11-21.csv \
#       -out data/payments-2026-11-21.csv.enc -pass pass:sluice-demo-key-not-a-secret
export PAYMENT_FILE_KEY=sluice-demo-key-not-a-secret
export PAYMENT_TOKEN_KEY=sluice-demo-token-key

serve_pid=
cleanup() {
    if [ -n "$serve_pid" ]; then
        kill -TERM "$serve_pid" 2>/dev/null || true
        wait "$serve_pid" 2>/dev/null || true
    fi
    [ -z "$temporary" ] || rm -rf "$temporary"
}
trap cleanup EXIT
trap "exit 130" INT
trap "exit 143" TERM

cli() { "$bin/sluice-cli" "$@"; }
field() { grep -o "\"$1\":\"\{0,1\}[^\",}]*" | head -n 1 | sed "s/^\"$1\":\"\{0,1\}//"; }
report() { cli run "$here/report.asl.json" --connections "$here/connections.json" --no-store 2>/dev/null; }
wait_for() {   # wait_for SECONDS COMMAND...: until the command succeeds
    local deadline=$((SECONDS + $1)); shift
    until "$@"; do
        [ "$SECONDS" -lt "$deadline" ] || return 1
        sleep 0.2
    done
}
status_of() { cli show "$1" | sed 's/"output":{[^}]*}//' | field status; }
ended() { [ "$(status_of "$1")" != RUNNING ]; }
file=payments-2026-11-21

echo "== 1. sluice-cli serve --rules rules.json (watching $PAYMENTS_HOME/inbox)"
"$bin/sluice-cli" serve --rules "$here/rules.json" --connections "$here/connections.json" --poll-ms 200 \
    > "$PAYMENTS_HOME/serve.out" 2> "$PAYMENTS_HOME/serve.err" &
serve_pid=$!
wait_for 20 grep -q '"ready"' "$PAYMENTS_HOME/serve.out" || { cat "$PAYMENTS_HOME/serve.err" >&2; exit 1; }
cat "$PAYMENTS_HOME/serve.out"

echo "== 2. Drop the encrypted file into the inbox"
cp "$here/data/$file.csv.enc" "$PAYMENTS_HOME/inbox/$file.csv.enc.part"
mv "$PAYMENTS_HOME/inbox/$file.csv.enc.part" "$PAYMENTS_HOME/inbox/$file.csv.enc"
wait_for 30 grep -q '"execution"' "$PAYMENTS_HOME/serve.out" || { cat "$PAYMENTS_HOME/serve.err" >&2; exit 1; }
execution=$(grep '"execution"' "$PAYMENTS_HOME/serve.out" | head -n 1 | field execution)
echo "the folder trigger started execution $execution"
wait_for 60 ended "$execution" || { echo "error: the execution did not end" >&2; exit 1; }
echo "execution $execution: $(status_of "$execution"), output $(cli show "$execution" | grep -o '"output":{[^}]*}' | sed 's/^"output"://')"
echo "stages of item 0: $(cli history "$execution" --item 0 | sed -n 's/.*"state":"\([^"]*\)".*"type":"StateEntered".*/\1/p' | tr '\n' '>' )"

echo "== 3. What landed"
echo "table: $(report)"
echo "archive: $(wc -l < "$PAYMENTS_HOME/archive/$file.jsonl") transactions in archive/$file.jsonl, e.g."
head -n 1 "$PAYMENTS_HOME/archive/$file.jsonl"
echo "card numbers in clear in the archive, the work folder and the journal: $(cat "$PAYMENTS_HOME"/archive/* "$PAYMENTS_HOME"/work/* "$SLUICE_STORE"* 2>/dev/null | grep -a -c -e 4111111111111111 -e 5555555555554444 || true)"

echo "== 4. The DLQ"
cli dlq list --execution "$execution" > "$PAYMENTS_HOME/dlq.jsonl"
echo "$(wc -l < "$PAYMENTS_HOME/dlq.jsonl") entry:"
cat "$PAYMENTS_HOME/dlq.jsonl"
entry=$(field id < "$PAYMENTS_HOME/dlq.jsonl")
stored=$(sed -n 's/.*"input":\({.*}\),"item".*/\1/p' "$PAYMENTS_HOME/dlq.jsonl")
[ -n "$entry" ] && [ -n "$stored" ] || { echo "error: no DLQ entry" >&2; exit 1; }

echo "== 5. Replay entry $entry as it is: the table refuses it again"
cli dlq replay "$entry" --connections "$here/connections.json" 2>&1 || true

echo "== 6. Replay it from the stage \"Archive transaction\" with the currency corrected (EURO -> EUR)"
corrected=${stored/\"currency\":\"EURO\"/\"currency\":\"EUR\"}
echo "input: $corrected"
cli dlq replay "$entry" --from-state "Archive transaction" --input-json "$corrected" \
    --connections "$here/connections.json" 2>&1

echo "== 7. Result"
final=$(status_of "$execution")
echo "execution $execution: $final, output $(cli show "$execution" | grep -o '"output":{[^}]*}' | sed 's/^"output"://')"
echo "table: $(report)"
echo "archive: $(wc -l < "$PAYMENTS_HOME/archive/$file.jsonl") lines (the corrected transaction archived again)"
echo "entry $entry: $(cli dlq show "$entry" | sed 's/"replays":\[[^]]*\]//' | grep -o '"status":"[^"]*"'), replays: $(cli dlq show "$entry" | grep -o '"attempt":[0-9]*\|"outcome":"[^"]*"' | paste -sd ' ' -)"

echo "== 8. Stop serve (SIGTERM)"
kill -TERM "$serve_pid"
set +e
wait "$serve_pid"
code=$?
set -e
serve_pid=
echo "serve exited with $code"
payments=$(report | sed 's/"currencies":\[[^]]*\]//' | field payments)
if [ "$final" = SUCCEEDED ] && [ "$payments" = 12 ] && [ "$code" = 0 ]; then
    echo "OK: all 12 transactions are loaded"
else
    echo "FAILED: the file is not completely loaded" >&2
    exit 1
fi
