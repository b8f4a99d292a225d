#!/usr/bin/env bash
# Storefront benchmark (issue 4): at 32 connections, side by side in one run, a trivial
# static JSON endpoint of the same application (the ceiling), the product list of 20
# items served from the storefront cache, and the same list with the cache turned off;
# then the SQL statements one request costs as the page size grows. Bounded (about
# 4 minutes with the default) and local only: a fresh embedded PostgreSQL under a
# temporary directory, the server on 127.0.0.1. Needs wrk (Debian: apt-get install wrk).
# Usage: bench/storefront.sh [SECONDS]   (default 20)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
command -v wrk >/dev/null || { echo "bench/storefront.sh needs wrk (apt-get install wrk)" >&2; exit 1; }
seconds="${1:-20}"
port=18300
work="$(mktemp -d /tmp/atelier-bench.XXXXXX)"
mkdir -p bench/results
out="bench/results/storefront-$(date +%Y%m%d-%H%M%S).txt"
log() { printf '%s\n' "$*" | tee -a "$out"; }

echo "building ..." >&2
mvn -B -q -Dstyle.color=never -DskipTests -Dspring-javaformat.skip=true install >&2
jar=infra/target/atelier-exec.jar
. bench/limits.env
export ATELIER_DATA_DIR="$work/data"
server=""
stop() { if [ -n "$server" ]; then kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; server=""; fi; }
trap 'stop; rm -rf "$work"' EXIT
start() { # start [spring args...]
	: >"$work/serve.log"
	# shellcheck disable=SC2086
	java -jar "$jar" serve --demo --port "$port" --atelier.storefront.sql-statements-header=true $bench_limits "$@" \
		>"$work/serve.log" 2>&1 &
	server=$!
	for _ in $(seq 1 180); do grep -q "Stop:" "$work/serve.log" && return 0; sleep 1; done
	echo "the server did not start; see $work/serve.log" >&2
	cat "$work/serve.log" >&2
	exit 1
}
host="maison-aurele.localhost:$port"
base="http://127.0.0.1:$port"
ping="$base/storefront/api/v1/ping"
list="$base/storefront/api/v1/products?first=20"

summary() { # req/s, p50, p99, errors from wrk --latency output
	awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {err=$5}
		END {printf "%s req/s, p50 %s, p99 %s, non-2xx %s", rps, p50, p99, (err=="" ? 0 : err)}'
}
run() { # run URL -> summary line, 32 connections
	wrk -t2 -c32 -d"${seconds}s" --latency -H "Host: $host" -H "Accept-Language: fr" "$1" | summary
}
warm() { wrk -t2 -c32 -d"$1s" -H "Host: $host" -H "Accept-Language: fr" "$2" >/dev/null; }

log "# Atelier storefront benchmark, $(date -u +%Y-%m-%dT%H:%MZ)"
log "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)"
log "server: bin/atelier serve --demo (embedded PostgreSQL 18), wrk -t2 -c32 on the same machine, 127.0.0.1:$port, ${seconds}s per run"
log "list: GET /storefront/api/v1/products?first=20 (default market, Accept-Language: fr)"
log ""

echo "starting (cache on) ..." >&2
start
bytes=$(curl -s -H "Host: $host" -H "Accept-Language: fr" "$list" -o /dev/null -w '%{size_download}')
echo "warming up ..." >&2
warm 10 "$ping"
warm 20 "$list"
log "## Cache on ($bytes bytes per list response)"
ceiling=$(run "$ping"); log "ping (ceiling):   $ceiling"
cached=$(run "$list"); log "list, cached:     $cached"
stop

echo "starting (cache off) ..." >&2
start --atelier.storefront.cache.enabled=false
warm 10 "$ping"
warm 30 "$list"
log ""
log "## Cache off (--atelier.storefront.cache.enabled=false)"
ceiling2=$(run "$ping"); log "ping (ceiling):   $ceiling2"
uncached=$(run "$list"); log "list, uncached:   $uncached"
log ""
rps() { echo "$1" | awk '{print $1}'; }
log "## Ratios"
log "cached list / ceiling:   $(awk -v a="$(rps "$cached")" -v b="$(rps "$ceiling")" 'BEGIN {printf "%.0f%%", 100*a/b}')"
log "uncached list / ceiling: $(awk -v a="$(rps "$uncached")" -v b="$(rps "$ceiling2")" 'BEGIN {printf "%.0f%%", 100*a/b}')"
log ""
log "## SQL statements per request, cache off (X-Sql-Statements)"
for first in 1 5 20 50 100; do
	n=$(curl -s -D - -o /dev/null -H "Host: $host" "$base/storefront/api/v1/products?first=$first" \
		| awk 'tolower($1)=="x-sql-statements:" {print $2}' | tr -d '\r')
	log "products?first=$first: $n"
done
handle=$(curl -s -H "Host: $host" "$list" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["handle"])')
n=$(curl -s -D - -o /dev/null -H "Host: $host" "$base/storefront/api/v1/products/$handle" \
	| awk 'tolower($1)=="x-sql-statements:" {print $2}' | tr -d '\r')
log "products/{handle}: $n"
n=$(curl -s -D - -o /dev/null -H "Host: $host" "$base/storefront/api/v1/collections" \
	| awk 'tolower($1)=="x-sql-statements:" {print $2}' | tr -d '\r')
log "collections: $n"
stop
log ""
log "results written to $out"
