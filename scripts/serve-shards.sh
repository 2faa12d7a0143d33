#!/usr/bin/env bash
# Serves each shard of a sharded index (report-search index --shards N) with its own
# xapian-tcpsrv and writes the stub file a query host needs.
#   scripts/serve-shards.sh INDEX_DIR BASE_PORT [LISTEN_ADDRESS] [STUB_HOST] [STUB_FILE]
# Shard i listens on BASE_PORT+i. LISTEN_ADDRESS defaults to 127.0.0.1; STUB_HOST is the
# name query hosts use to reach this machine (default: LISTEN_ADDRESS); STUB_FILE defaults
# to INDEX_DIR.remote.stub. Runs in the foreground; Ctrl-C (or SIGTERM) stops the servers.
set -euo pipefail
index="${1:?usage: serve-shards.sh INDEX_DIR BASE_PORT [LISTEN_ADDRESS] [STUB_HOST] [STUB_FILE]}"
base="${2:?give the first port, e.g. 33100}"
listen="${3:-127.0.0.1}"
host="${4:-$listen}"
stub="${5:-${index%/}.remote.stub}"
command -v xapian-tcpsrv >/dev/null || { echo "serve-shards: xapian-tcpsrv is missing; run scripts/setup.sh" >&2; exit 1; }
shards=$(ls -d "$index"/shard-* 2>/dev/null | sort)
[ -n "$shards" ] || { echo "serve-shards: no shard-* folders in $index; build with report-search index --shards N" >&2; exit 1; }

pids=()
trap 'kill -9 "${pids[@]}" 2>/dev/null; exit 0' INT TERM EXIT
: > "$stub.tmp"
port=$base
for shard in $shards; do
  xapian-tcpsrv --interface "$listen" --port "$port" --quiet "$shard" &
  pids+=($!)
  echo "remote $host:$port" >> "$stub.tmp"
  echo "serve-shards: $(basename "$shard") on $listen:$port (pid $!)"
  port=$((port + 1))
done
mv "$stub.tmp" "$stub"
echo "serve-shards: stub file for query hosts: $stub"
wait
