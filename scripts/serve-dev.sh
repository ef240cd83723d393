#!/bin/sh
# `make run`: the development server and, beside it, the one mail sender, started and
# stopped together. Web processes never talk to the mail server; without this sender,
# mail would wait in the outbox until someone ran `flask send-mail`.
#   FLASK: the flask command (with --app); PORT: where to serve.
set -eu
: "${FLASK:?set FLASK to the flask command}"
PORT="${PORT:-5000}"
# Say which command to type, not only what went wrong (the server's own message does not).
if ! python3 -c 'import socket, sys; s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("127.0.0.1", int(sys.argv[1])))' "$PORT" 2>/dev/null; then
    echo "Port $PORT is already in use by another program. Stop it, or serve on another port:" >&2
    echo "    PORT=8000 make run" >&2
    exit 1
fi
$FLASK send-mail --loop &
sender=$!
trap 'kill "$sender" 2>/dev/null || true; wait "$sender" 2>/dev/null || true' EXIT INT TERM
$FLASK run --port "$PORT"
