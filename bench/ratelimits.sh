#!/usr/bin/env bash
# What the rate limits cost (ADR 32): the cached storefront list of 20 at 32 connections,
# with the limits off, on (the load generator's one address is one hot bucket that each
# node counts on its own and reconciles every 2 s), and on with a reconciliation in
# PostgreSQL on every request (the worst case: as if each request came from an address
# never seen before). Rounds alternate between the three, each on a fresh server, and the
# medians are reported with their ratios to "off". Bounded (about 8 minutes with the
# default) and local only: an embedded PostgreSQL under a temporary directory, the server
# on 127.0.0.1. Needs wrk (Debian: apt-get install wrk).
# Usage: bench/ratelimits.sh [SECONDS] [ROUNDS]   (defaults 15 and 2)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
command -v wrk >/dev/null || { echo "bench/ratelimits.sh needs wrk (apt-get install wrk)" >&2; exit 1; }
seconds="${1:-15}"
rounds="${2:-2}"
port=18310
work="$(mktemp -d /tmp/atelier-bench.XXXXXX)"
mkdir -p bench/results
out="bench/results/ratelimits-$(date +%Y%m%d-%H%M%S).txt"
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
	java -jar "$jar" serve --demo --port "$port" "$@" >"$work/serve.log" 2>&1 &
	server=$!
	for _ in $(seq 1 180); do grep -q "Stop:" "$work/serve.log" && return 0; sleep 1; done
	echo "the server did not start; see $work/serve.log" >&2
	cat "$work/serve.log" >&2
	exit 1
}
host="maison-aurele.localhost:$port"
list="http://127.0.0.1:$port/storefront/api/v1/products?first=20"
measure() { # measure -> "req/s p99 non2xx"
	wrk -t2 -c32 -d"$1s" --latency -H "Host: $host" -H "Accept-Language: fr" "$list" \
		| awk '/Requests\/sec/ {rps=$2} /^ +99%/ {p99=$2} /Non-2xx/ {err=$5}
			END {printf "%s %s %s", rps, p99, (err=="" ? 0 : err)}'
}
median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }

# shellcheck disable=SC2206
off=(--atelier.rate-limits.enabled=false --atelier.fairness.max-requests-per-tenant=100000)
# shellcheck disable=SC2206
on=($bench_limits)
# shellcheck disable=SC2206
every=($bench_limits --atelier.rate-limits.sync-share=0.00000001 --atelier.rate-limits.sync-interval=1ms)

log "# Atelier rate-limit cost, $(date -u +%Y-%m-%dT%H:%MZ)"
log "machine: $(nproc) cores, $(java -version 2>&1 | head -1); wrk -t2 -c32 on the same machine, ${seconds}s per round"
log "list: GET /storefront/api/v1/products?first=20, cached; rounds alternate off / on / on-every-request-synced"
log ""
for round in $(seq 1 "$rounds"); do
	for mode in off on every; do
		case $mode in
			off) start "${off[@]}" ;;
			on) start "${on[@]}" ;;
			every) start "${every[@]}" ;;
		esac
		wrk -t2 -c32 -d20s -H "Host: $host" -H "Accept-Language: fr" "$list" >/dev/null
		result=$(measure "$seconds")
		stop
		log "round $round, $mode: $(echo "$result" | awk '{printf "%s req/s, p99 %s, non-2xx %s", $1, $2, $3}')"
		echo "$result" | awk '{print $1}' >>"$work/$mode"
	done
done
log ""
m_off=$(median <"$work/off"); m_on=$(median <"$work/on"); m_every=$(median <"$work/every")
log "median req/s: off $m_off, on $m_on ($(awk -v a="$m_on" -v b="$m_off" 'BEGIN {printf "%.0f%%", 100*a/b}') of off),"
log "  on with a PostgreSQL round trip per request $m_every ($(awk -v a="$m_every" -v b="$m_off" 'BEGIN {printf "%.0f%%", 100*a/b}') of off)"
log ""
log "results written to $out"
