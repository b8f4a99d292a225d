#!/usr/bin/env bash
# Identity benchmarks (issue 3): client-credentials tokens per second at 32 connections, and
# the latency token validation adds to an admin GET (the same brand read on the storefront,
# anonymous, side by side). Bounded (about 4 minutes) and local only: a fresh embedded
# PostgreSQL under a temporary directory, the server on 127.0.0.1. Needs wrk
# (Debian: apt-get install wrk). Usage: bench/identity.sh [SECONDS]   (default 30)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
command -v wrk >/dev/null || { echo "bench/identity.sh needs wrk (apt-get install wrk)" >&2; exit 1; }
seconds="${1:-30}"
port=18200
work="$(mktemp -d /tmp/atelier-bench.XXXXXX)"
mkdir -p bench/results
out="bench/results/identity-$(date +%Y%m%d-%H%M%S).txt"
log() { printf '%s\n' "$*" | tee -a "$out"; }

echo "building ..." >&2
mvn -B -q -Dstyle.color=never -DskipTests -Dspring-javaformat.skip=true install >&2
jar=infra/target/atelier-exec.jar
export ATELIER_DATA_DIR="$work/data"

. bench/limits.env
# shellcheck disable=SC2086
java -jar "$jar" serve --demo --port "$port" $bench_limits >"$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do grep -q "Stop:" "$work/serve.log" && break; sleep 1; done
host="maison-aurele.localhost:$port"

credentials=$(java -XX:TieredStopAtLevel=1 -jar "$jar" client create maison-aurele --name bench --scopes brand:read)
client_id=$(echo "$credentials" | awk '/client id/ {print $3}')
client_secret=$(echo "$credentials" | awk '/client secret/ {print $3}')
export BODY="grant_type=client_credentials&scope=brand%3Aread"
export AUTHORIZATION="Basic $(printf '%s:%s' "$client_id" "$client_secret" | base64 -w0)"
token=$(curl -s -H "Host: $host" -H "Authorization: $AUTHORIZATION" -d "$BODY" "http://127.0.0.1:$port/oauth2/token" \
	| python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')

log "# Atelier identity benchmark, $(date -u +%Y-%m-%dT%H:%MZ)"
log "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)"
log "server: bin/atelier serve (embedded PostgreSQL 18), wrk on the same machine, 127.0.0.1:$port"
log ""

summary() { # req/s, p50, p99, errors from wrk --latency output
	awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {err=$5}
		END {printf "%s req/s, p50 %s, p99 %s, non-2xx %s", rps, p50, p99, (err=="" ? 0 : err)}'
}

echo "warming up ..." >&2
wrk -t2 -c32 -d10s -s bench/wrk/post-form.lua -H "Host: $host" "http://127.0.0.1:$port/oauth2/token" >/dev/null
wrk -t1 -c4 -d5s -H "Host: $host" -H "Authorization: Bearer $token" "http://127.0.0.1:$port/admin/api/v1/brand" >/dev/null
wrk -t1 -c4 -d5s -H "Host: $host" "http://127.0.0.1:$port/storefront/api/v1/brand" >/dev/null

log "## Client credentials grant, 32 connections, ${seconds}s (POST /oauth2/token)"
log "$(wrk -t2 -c32 -d"${seconds}s" --latency -s bench/wrk/post-form.lua -H "Host: $host" \
	"http://127.0.0.1:$port/oauth2/token" | summary)"
log ""
log "## Token validation: the same brand read, anonymous (storefront) vs bearer token (admin), 1 connection"
for round in 1 2; do
	log "round $round storefront (no token): $(wrk -t1 -c1 -d"$((seconds / 2))s" --latency -H "Host: $host" \
		"http://127.0.0.1:$port/storefront/api/v1/brand" | summary)"
	log "round $round admin (bearer token):  $(wrk -t1 -c1 -d"$((seconds / 2))s" --latency -H "Host: $host" \
		-H "Authorization: Bearer $token" "http://127.0.0.1:$port/admin/api/v1/brand" | summary)"
done
log ""
log "## The same at 32 connections"
log "storefront (no token): $(wrk -t2 -c32 -d"$((seconds / 2))s" --latency -H "Host: $host" \
	"http://127.0.0.1:$port/storefront/api/v1/brand" | summary)"
log "admin (bearer token):  $(wrk -t2 -c32 -d"$((seconds / 2))s" --latency -H "Host: $host" \
	-H "Authorization: Bearer $token" "http://127.0.0.1:$port/admin/api/v1/brand" | summary)"
log ""
log "results written to $out"
