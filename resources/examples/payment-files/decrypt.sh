#!/bin/sh
# Decrypts a payment file (AES-256-CBC, PBKDF2, as `openssl enc -aes-256-cbc -pbkdf2` writes it) with the
# key in $PAYMENT_FILE_KEY. Usage (sluice:shell): decrypt.sh ENCRYPTED_FILE PLAINTEXT_OUT
# Prints {"path": PLAINTEXT_OUT} on success; on failure a named error on stderr, for Retry/Catch and the DLQ.
set -u
in=$1
out=$2
fail() {
    # The cause is one JSON string: no quotes or backslashes from openssl's message.
    printf '{"Error": "%s", "Cause": "%s"}\n' "$1" "$(printf '%s' "$2" | tr -d '"\\' | tr '\n' ' ')" >&2
    exit 1
}
[ -n "${PAYMENT_FILE_KEY:-}" ] || fail Payments.KeyMissing "PAYMENT_FILE_KEY is not set in the environment of sluice-cli serve."
[ -f "$in" ] || fail Payments.FileMissing "$in does not exist."
mkdir -p "$(dirname "$out")" || fail Payments.IoError "cannot create the folder of $out"
umask 077   # the plaintext holds card numbers: readable by its owner only, and removed by tokenize.sh
if ! message=$(openssl enc -d -aes-256-cbc -pbkdf2 -in "$in" -out "$out.part" -pass env:PAYMENT_FILE_KEY 2>&1); then
    rm -f "$out.part"
    fail Payments.DecryptFailed "openssl could not decrypt $in (wrong key or not an encrypted payment file): $message"
fi
mv "$out.part" "$out"
printf '{"path": "%s"}\n' "$out"
