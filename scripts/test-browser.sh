#!/usr/bin/env bash
# End-to-end browser test of `report-search serve`: indexes corpus/ into a temp folder,
# starts the server on a free loopback port, runs scripts/e2e/browser_test.py in headless
# Chromium, and always stops the server and removes the folder. Screenshots are kept in
# $SCREENSHOT_DIR when set. Needs a built report-search (swift build) and the browser
# packages (scripts/setup-browser.sh installs them).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup-browser.sh
bin="${REPORT_SEARCH_BIN:-$(swift build --show-bin-path)/report-search}"
[ -x "$bin" ] || { echo "test-browser: $bin is not built; run swift build" >&2; exit 1; }

work="$(mktemp -d)"
server=""
cleanup() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
    kill -INT "$server" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server" 2>/dev/null || true
  fi
  if [ -n "${SCREENSHOT_DIR:-}" ]; then mkdir -p "$SCREENSHOT_DIR"; cp "$work"/*.png "$SCREENSHOT_DIR"/ 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

"$bin" index corpus --index "$work/index" --quiet
port="$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
"$bin" serve --index "$work/index" --host 127.0.0.1 --port "$port" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 100); do
  if /usr/bin/python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/', timeout=1)" 2>/dev/null; then break; fi
  kill -0 "$server" 2>/dev/null || { cat "$work/server.log" >&2; echo "test-browser: the server did not start" >&2; exit 1; }
  sleep 0.2
done
echo "test-browser: server on port $port (pid $server)"
/usr/bin/python3 scripts/e2e/browser_test.py "http://127.0.0.1:$port" "$work"
echo "test-browser: passed"
