#!/bin/sh
# `make run`: the development server and, beside it, the one mail sender, started and
# stopped together. Web processes never talk to the mail server; without this sender,
# mail would wait in the outbox until someone ran `flask send-mail`.
#   FLASK: the flask command (with --app); PORT: where to serve.
set -eu
: "${FLASK:?set FLASK to the flask command}"
PORT="${PORT:-5000}"
$FLASK send-mail --loop &
sender=$!
trap 'kill "$sender" 2>/dev/null || true; wait "$sender" 2>/dev/null || true' EXIT INT TERM
$FLASK run --port "$PORT"
