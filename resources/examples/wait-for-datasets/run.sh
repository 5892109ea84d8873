#!/usr/bin/env bash
# Wait for two datasets: serve watches an inbox; a "Report Requested" event starts the workflow, whose two
# parallel branches each wait for their file. The sales file comes first (the run keeps waiting), serve is
# restarted while the stock file lands (the wait survives), and the join runs once both are there.
#
#   resources/examples/wait-for-datasets/run.sh   (needs build/bin from scripts/run or scripts/test, or SLUICE_BIN)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../lib/example.sh
source "$here/../lib/example.sh"

export WAIT_DATASETS_INBOX="$WORK/inbox"        # the rules file watches ${env:WAIT_DATASETS_INBOX}
export WAIT_DATASETS_DB="$WORK/warehouse.db"    # connections.json: "warehouse" → this SQLite file
mkdir -p "$WAIT_DATASETS_INBOX"
rules="$here/wait-for-datasets.rules.json"
connections="$here/connections.json"
serve_args=(--rules "$rules" --connections "$connections" --poll-ms 100 --drain-seconds 1)

echo "Wait for two datasets: two parallel branches each wait for their file to land in the inbox,"
echo "read and clean it; the join (what to reorder) runs only once both are done."
say "work folder: $WORK (inbox/, store.db: journal and events, warehouse.db: stock_report)"

# waiting EXECUTION: the wait states that started and have no result yet.
waiting() {
    local history
    history=$("$CLI" history "$1" --store "$STORE")
    for state in "Wait for sales file" "Wait for stock file"; do
        if echo "$history" | grep -F "\"state\":\"$state\"" | grep -q '"type":"TaskScheduled"' &&
            ! echo "$history" | grep -F "\"state\":\"$state\"" | grep -q '"type":"StateExited"'; then
            echo "$state"
        fi
    done
}

step "1. serve watches the inbox"
start_serve "${serve_args[@]}"

step "2. Ask for the report of 2026-03-01: an event that the rule report-requested turns into an execution"
"$CLI" event put --store "$STORE" --source sluice.examples.wait-for-datasets --detail-type "Report Requested" \
    --detail '{"date": "2026-03-01"}' >/dev/null
say "\$ sluice-cli event put --source sluice.examples.wait-for-datasets --detail-type 'Report Requested' --detail '{\"date\": \"2026-03-01\"}'"
id=$(wait_line "$WORK/serve.out" '"execution"' 30 | json_field execution)
say "execution $id started"
for _ in $(seq 50); do [ "$(waiting "$id" | wc -l)" = 2 ] && break; sleep 0.1; done
say "waiting in: $(waiting "$id" | tr '\n' ',' | sed 's/,$//; s/,/, /')"

step "3. The sales file lands in the inbox"
say "\$ cp data/sales-2026-03-01.csv inbox/"
cp "$here/data/sales-2026-03-01.csv" "$WAIT_DATASETS_INBOX/"
for _ in $(seq 100); do [ "$(waiting "$id")" = "Wait for stock file" ] && break; sleep 0.1; done
say "the folder trigger put its event; the sales branch read and cleaned the file"
say "status: $("$CLI" runs --store "$STORE" | grep -F "\"id\":\"$id\"" | json_field status), still waiting in: $(waiting "$id")"

step "4. serve stops (SIGTERM) while the execution waits; the stock file lands while it is down"
stop_serve
say "status in the journal: $("$CLI" runs --store "$STORE" | grep -F "\"id\":\"$id\"" | json_field status)"
say "\$ cp data/stock-2026-03-01.csv inbox/"
cp "$here/data/stock-2026-03-01.csv" "$WAIT_DATASETS_INBOX/"

step "5. serve starts again: it resumes the waiting execution and sees the file that came meanwhile"
start_serve "${serve_args[@]}"
say "$(head -1 "$WORK/serve.out")"
status=$(wait_finished "$id" 30)
say "the join ran: $status"
"$CLI" show "$id" --store "$STORE" >"$WORK/joined.json"
sed 's/.*"output":\({.*}\),"started".*/\1/; s/"report":\[[^]]*\],//' "$WORK/joined.json" | sed 's/^/   output (without the report): /'
if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import json, sys; print(json.dumps({"stock_report (also upserted into warehouse.db)": json.load(sys.stdin)["output"]["report"]}))' \
        <"$WORK/joined.json" | tables
fi
stop_serve

step "6. The notification (sluice:event.put) with the counts"
say "\$ sluice-cli event list"
"$CLI" event list --store "$STORE" | grep -F '"Datasets Joined"' | sed 's/^/   /'

step "7. When a file never comes: the same request with timeoutSeconds 2 fails with Datasets.NotArrived"
start_serve "${serve_args[@]}"
"$CLI" event put --store "$STORE" --source sluice.examples.wait-for-datasets --detail-type "Report Requested" \
    --detail '{"date": "2026-03-02", "timeoutSeconds": 2}' >/dev/null
say "\$ sluice-cli event put ... --detail '{\"date\": \"2026-03-02\", \"timeoutSeconds\": 2}'"
late=$(wait_line "$WORK/serve.out" '"execution"' 30 | json_field execution)
say "execution $late: $(wait_finished "$late" 30)"
shown=$("$CLI" show "$late" --store "$STORE")
say "error: $(echo "$shown" | json_field error), cause: $(echo "$shown" | json_field cause)"
say "(a failed run lands in the DLQ like any failed item: sluice-cli dlq list)"
stop_serve
echo
echo "Done. Open the workflow in the designer: scripts/run $here/wait-for-datasets.asl.json"
