#!/usr/bin/env bash
# `npm start` with no DATABASE_URL: wait for /healthz 200, SIGTERM, check a clean exit; start again on the
# same data and check the demo data is still there.
set -euo pipefail
unset DATABASE_URL
export PORT="${SMOKE_PORT:-3000}"
export SHIVIR_DATA_DIR="$(mktemp -d /tmp/shivir-smoke-XXXXXX)"
chmod 755 "$SHIVIR_DATA_DIR"
log="$SHIVIR_DATA_DIR/server.log"
trap 'rm -rf "$SHIVIR_DATA_DIR"' EXIT

start_and_check() {
  npm start >"$log" 2>&1 &
  local npm_pid=$!
  local ok=""
  for _ in $(seq 1 120); do
    if curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1; then ok=1; break; fi
    sleep 1
  done
  if [ -z "$ok" ]; then echo "portal did not become healthy"; cat "$log"; pkill -f "node --import tsx server.ts" || true; exit 1; fi
  curl -fsS "http://127.0.0.1:$PORT/healthz"; echo
  local page
  page=$(curl -fsS -H "Accept-Language: hi" "http://127.0.0.1:$PORT/")
  [[ "$page" == *'जयपुर'* ]] || { echo "demo data missing from the home page"; cat "$log"; exit 1; }
  # SIGTERM to the server process itself, as a process manager sends it.
  local server_pid
  server_pid=$(pgrep -f "^node --import tsx server.ts" | head -n1)
  kill -TERM "$server_pid"
  local code=0
  wait "$npm_pid" || code=$?
  if [ "$code" -ne 0 ]; then echo "npm start exited with $code after SIGTERM"; cat "$log"; exit 1; fi
  if pgrep -f "$SHIVIR_DATA_DIR/pg" >/dev/null; then echo "embedded PostgreSQL still running after shutdown"; exit 1; fi
  echo "clean exit"
}

first_admin_link() { grep -A1 "Sign in as the first admin" "$log" | grep -oE "http://[^ ]+/sign-in/[A-Za-z0-9_-]{43}" | head -n1; }

start_and_check
grep -q "demo data ready" "$log" || { echo "first start did not seed the demo data"; cat "$log"; exit 1; }
link=$(first_admin_link)
[ -n "$link" ] || { echo "first start printed no sign-in link for the first admin"; cat "$log"; exit 1; }
secret_mode=$(stat -c %a "$SHIVIR_DATA_DIR/session-secret")
[ "$secret_mode" = "600" ] || { echo "the development secret file has mode $secret_mode, not 600"; exit 1; }
secret=$(cat "$SHIVIR_DATA_DIR/session-secret")
start_and_check
if grep -q "demo data ready" "$log"; then echo "second start seeded again"; exit 1; fi
[ "$(cat "$SHIVIR_DATA_DIR/session-secret")" = "$secret" ] || { echo "the development secret changed on restart"; exit 1; }
[ -n "$(first_admin_link)" ] || { echo "nobody signed in, yet the second start printed no link"; cat "$log"; exit 1; }
echo "smoke test passed: started twice on the same data, clean exits, a first-admin link, a kept 0600 secret"
