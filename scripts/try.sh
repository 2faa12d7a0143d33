#!/usr/bin/env bash
# Sets up, builds release, indexes corpus/ into the default index when needed, and runs
# a query: scripts/try.sh [QUERY] (default: 合法性审查).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh >/dev/null
swift build -c release --product report-search 2>&1 | grep -E "error|warning: |Compiling|Build complete" | tail -3 >&2
bin="$(swift build -c release --show-bin-path)/report-search"
"$bin" index corpus --quiet >&2
"$bin" search "${1:-合法性审查}" "${@:2}"
