#!/usr/bin/env bash
# Scheduled join, two nights in half a minute: serve runs the daily schedule with its clock set just before
# 02:00 UTC on 2026-03-01, the join loads the good orders and records the bad ones; the next night's extracts
# fix two of the three problems, and the 2026-03-02 run retries the failed orders.
#
#   resources/examples/scheduled-join/run.sh     (needs build/bin from scripts/run or scripts/test, or SLUICE_BIN)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../lib/example.sh
source "$here/../lib/example.sh"

export SCHEDULED_JOIN_DB="$WORK/warehouse.db"   # connections.json: "warehouse" → this SQLite file
rules="$here/scheduled-join.rules.json"
connections="$here/connections.json"

echo "Scheduled join: a daily schedule extracts customers.csv and orders.csv, joins and cleans them in SQLite,"
echo "upserts the good orders, keeps the bad ones in failed_orders and retries them the next night."
say "work folder: $WORK (store.db: journal and events; warehouse.db: the tables)"

# night DATE: serve with its clock 3 s before 02:00 UTC of DATE, until the join it starts has finished.
night() {
    local day=$1 started id status
    step "Night of $day: serve starts at ${day}T01:59:57Z; the rule nightly-join, cron(0 2 * * ? *), fires at 02:00"
    start_serve --rules "$rules" --connections "$connections" --clock-start "${day}T01:59:57Z"
    started=$(wait_line "$WORK/serve.out" '"execution"' 30)
    id=$(echo "$started" | json_field execution)
    say "02:00: the schedule put its event and serve started the join: execution $id"
    status=$(wait_finished "$id" 60)
    say "the join finished: $status"
    "$CLI" show "$id" --store "$STORE" | grep -o '"output":{.*},"started"' | sed 's/^"output":/   output: /; s/,"started"$//'
    # The notification goes through the rules too (failed-orders-alert): let serve route it before stopping.
    for _ in $(seq 50); do
        "$CLI" event list --store "$STORE" | grep -F '"Failed Orders"' | grep -qF "\"runDate\":\"$day\"" && break
        sleep 0.1
    done
    stop_serve
}

show_tables() {
    step "The warehouse now (report.asl.json: customer_orders and failed_orders)"
    say "\$ sluice-cli run report.asl.json --connections connections.json --no-store"
    "$CLI" run "$here/report.asl.json" --connections "$connections" --no-store 2>/dev/null | tables
}

night 2026-03-01
show_tables

step "Meanwhile the sources fix two of the three problems (compare extracts/2026-03-01 and extracts/2026-03-02):"
say "- the CRM export now has customer C-107, so O-1003 can be joined;"
say "- the shop sends O-1005 again with its real date (2026-02-28 instead of 2026-02-30);"
say "- O-1004's amount \"12,5O\" is still wrong, and a new order O-1011 names a customer C-108 nobody knows."

night 2026-03-02
show_tables

step "The notifications each join put (sluice:event.put), and the alerts the rule failed-orders-alert derived"
say "\$ sluice-cli event list"
"$CLI" event list --store "$STORE" | grep -v '"Scheduled Event"' | sed 's/^/   /'
echo
echo "Done. Open the workflow in the designer: scripts/run $here/scheduled-join.asl.json"
