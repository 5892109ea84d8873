#!/bin/sh
# Replaces every card number of a decrypted payment file by a token and writes the transactions as JSON
# Lines; then removes the plaintext. Usage (sluice:shell): tokenize.sh PLAINTEXT_CSV TOKENIZED_JSONL
#
# Input: CSV with the header txn_id,card_number,amount,currency,merchant,booked_at (no quoted fields).
# Output per line: {"txn_id", "card_token", "card_last4", "amount", "currency", "merchant", "booked_at"}.
# The token is "tok_" and the first 32 hex digits of SHA-256(PAYMENT_TOKEN_KEY + card number): the same card
# always gets the same token, and without the key a token does not lead back to the number. (A demo: a real
# deployment asks its token vault here. The key goes through a pipe, never on a command line.)
# Prints {"path", "transactions"}; errors are named on stderr.
set -u
in=$1
out=$2
fail() {
    printf '{"Error": "%s", "Cause": "%s"}\n' "$1" "$(printf '%s' "$2" | tr -d '"\\' | tr '\n' ' ')" >&2
    exit 1
}
[ -n "${PAYMENT_TOKEN_KEY:-}" ] || fail Payments.KeyMissing "PAYMENT_TOKEN_KEY is not set in the environment of sluice-cli serve."
[ -f "$in" ] || fail Payments.FileMissing "$in does not exist (decrypt it again: replay from Decrypt)."
header=$(head -n 1 "$in" | tr -d '\r')
[ "$header" = "txn_id,card_number,amount,currency,merchant,booked_at" ] ||
    fail Payments.BadHeader "unexpected header in $in: $header"
mkdir -p "$(dirname "$out")" || fail Payments.IoError "cannot create the folder of $out"
count=0
tail -n +2 "$in" | tr -d '\r' | {
    while IFS=, read -r txn card amount currency merchant booked; do
        [ -n "$txn" ] || continue
        digits=$(printf '%s' "$card" | tr -cd '0-9')
        hash=$(printf '%s%s' "$PAYMENT_TOKEN_KEY" "$digits" | sha256sum | cut -c1-32)
        last4=$(printf '%s' "$digits" | tail -c 4)
        # A well-formed amount is a JSON number; anything else stays text and the table refuses it.
        if printf '%s' "$amount" | grep -Eq '^[0-9]+([.][0-9]+)?$'; then
            amountJson=$amount
        else
            amountJson="\"$amount\""
        fi
        printf '{"txn_id": "%s", "card_token": "tok_%s", "card_last4": "%s", "amount": %s, "currency": "%s", "merchant": "%s", "booked_at": "%s"}\n' \
            "$txn" "$hash" "$last4" "$amountJson" "$currency" "$merchant" "$booked"
        count=$((count + 1))
    done
    echo "$count" > "$out.count"
} > "$out.part" || fail Payments.IoError "cannot write $out"
mv "$out.part" "$out"
count=$(cat "$out.count")
rm -f "$out.count" "$in"   # the plaintext card numbers are gone; the tokenized file remains
printf '{"path": "%s", "transactions": %s}\n' "$out" "$count"
