#!/usr/bin/env bash
# Product master-data sync, end to end, in one command:
#
#   resources/examples/product-sync/run.sh
#
# Starts the fixture systems (MDM, CRM, ERP) on 127.0.0.1, makes the ERP refuse some products with 503,
# runs the sync, lists the DLQ, lets the ERP recover and replays the DLQ, which completes the sync.
# Needs build/bin from scripts/run or scripts/test (or SLUICE_BIN=folder), and curl.
#
#   PRODUCT_SYNC_PRODUCTS=5000   products in the MDM
#   PRODUCT_SYNC_REJECTS=100     products the ERP refuses during the first run
#   SLUICE_STORE=FILE            keep the journal in FILE (default: a temporary store, removed at exit)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../.." && pwd)
bin=${SLUICE_BIN:-$root/build/bin}
products=${PRODUCT_SYNC_PRODUCTS:-5000}
rejects=${PRODUCT_SYNC_REJECTS:-100}
for program in sluice-cli sluice-fixture-http; do
    if [ ! -x "$bin/$program" ]; then
        echo "error: $bin/$program not found: build first (scripts/run or scripts/test), or set SLUICE_BIN" >&2
        exit 2
    fi
done
command -v curl >/dev/null || { echo "error: curl is needed (apt-get install curl)" >&2; exit 2; }
if [ "$rejects" -gt "$products" ]; then
    echo "error: PRODUCT_SYNC_REJECTS ($rejects) is more than PRODUCT_SYNC_PRODUCTS ($products)" >&2
    exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/product-sync.XXXXXX")
fixture_pid=
cleanup() {
    if [ -n "$fixture_pid" ]; then
        kill "$fixture_pid" 2>/dev/null || true
        wait "$fixture_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap "exit 130" INT
trap "exit 143" TERM
export SLUICE_STORE=${SLUICE_STORE:-$work/store.db}

# The value of a top-level "key" in one line of JSON (a string without quotes, or a number).
field() { grep -o "\"$1\":\"\{0,1\}[^\",}]*" | head -n 1 | sed "s/^\"$1\":\"\{0,1\}//"; }
now() { date +%s.%N; }
seconds() { awk "BEGIN {printf \"%.1f\", $2 - $1}"; }

echo "== 1. Fixture systems"
"$bin/sluice-fixture-http" --products "$products" > "$work/port" &
fixture_pid=$!
for _ in $(seq 100); do
    [ -s "$work/port" ] && break
    sleep 0.05
done
port=$(head -n 1 "$work/port")
[ -n "$port" ] || { echo "error: the fixture server did not start" >&2; exit 1; }
base=http://127.0.0.1:$port
control() { curl -sf -X POST "$base/_control" -d "$1" > /dev/null; }
count() { curl -sf "$base/$1/_count" | field count; }
echo "MDM, CRM and ERP on $base: $products products in the MDM, CRM and ERP empty"

# The connection profiles (connections.json) take base URLs and secrets from the environment.
export PRODUCT_SYNC_MDM_URL=$base/mdm PRODUCT_SYNC_CRM_URL=$base/crm PRODUCT_SYNC_ERP_URL=$base/erp
export PRODUCT_SYNC_MDM_TOKEN=demo-mdm-token PRODUCT_SYNC_CRM_TOKEN=demo-crm-token PRODUCT_SYNC_ERP_API_KEY=demo-erp-key

echo "== 2. The ERP refuses $rejects products with 503 (every retry too)"
ids=
if [ "$rejects" -gt 0 ]; then
    step=$((products / rejects))
    ids=$(for i in $(seq 1 "$rejects"); do printf '"P%06d",' $((i * step)); done)
    ids=${ids%,}
    control "{\"system\": \"erp\", \"reject\": [$ids], \"rejectStatus\": 503}"
    echo "refused: $(echo "$ids" | cut -c1-40)... (every ${step}th product)"
fi

echo "== 3. Run the sync (sluice-cli run; a refused call is retried 3 times, 1, 2 and 4 s apart)"
started=$(now)
set +e
"$bin/sluice-cli" run "$here/product-sync.asl.json" --connections "$here/connections.json" \
    > "$work/run.out" 2> "$work/run.err"
status=$?
set -e
elapsed=$(seconds "$started" "$(now)")
execution=$(sed -n 's/^execution: //p' "$work/run.err" | head -n 1)
echo "execution $execution ended after $elapsed s, exit $status:"
cat "$work/run.out"
[ -n "$execution" ] || { cat "$work/run.err" >&2; exit 1; }
echo "CRM holds $(count crm) products, ERP $(count erp)"

echo "== 4. The DLQ"
"$bin/sluice-cli" dlq list --execution "$execution" --limit 100000 > "$work/dlq.jsonl"
entries=$(wc -l < "$work/dlq.jsonl")
echo "$entries entries; the first:"
head -n 1 "$work/dlq.jsonl" | sed 's/"input":{.*}}*,"item"/"input":{...},"item"/' | cut -c1-400
tally() { grep -o "\"$1\":\"[^\"]*\"" | sort | uniq -c | sed 's/^ *//' | paste -sd ';' -; }
echo "by error: $(tally error < "$work/dlq.jsonl")"
echo "by state: $(tally state < "$work/dlq.jsonl")"

echo "== 5. The ERP recovers; replay every DLQ entry of the execution"
control '{"system": "erp", "clearRejects": true}'
started=$(now)
"$bin/sluice-cli" dlq replay --all --execution "$execution" --connections "$here/connections.json" \
    > "$work/replay.out" 2> "$work/replay.err" || true
echo "replayed in $(seconds "$started" "$(now)") s: $(tally outcome < "$work/replay.out")"
grep -h "redriven\|waits\|error" "$work/replay.err" "$work/replay.out" || true

echo "== 6. Result"
show=$("$bin/sluice-cli" show "$execution")
output=$(echo "$show" | grep -o '"output":{[^}]*}' | sed 's/^"output"://')
final=$(echo "$show" | sed 's/"output":{[^}]*}//' | field status)
crm=$(count crm)
erp=$(count erp)
open=$("$bin/sluice-cli" dlq list --execution "$execution" --status open --limit 100000 | wc -l)
echo "execution $execution: $final; CRM $crm, ERP $erp of $products products; $open DLQ entries still open"
echo "output: $output"
if [ "$final" = SUCCEEDED ] && [ "$(echo "$output" | field status)" = COMPLETE ] && [ "$crm" = "$products" ] && [ "$erp" = "$products" ] && [ "$open" = 0 ]; then
    echo "OK: the sync is complete"
else
    echo "FAILED: the sync is not complete" >&2
    exit 1
fi
