#!/usr/bin/env bash
# Checkout benchmark (issue 5). Flash sale: 1,000 checkouts sent at once for 100 units of
# one SKU, in several rounds (a fresh SKU each); verifies through the admin API after each
# that exactly 100 orders hold it and that no stock row went negative, and reports
# successful checkouts/s (per round and the median) and p99 latency for winners and
# losers. Mixed SKUs: sustained successful checkouts/s at 32 concurrent shoppers over 20
# SKUs of the demo catalogue. Goals on 2 cores: >= 300/s on the hot SKU, >= 200/s mixed.
# Shoppers use the manual payment provider (bank transfer): a successful checkout is an
# order placed with its units reserved, without any external call.
#
# Bounded (6 to 8 minutes with the defaults) and local only: a fresh embedded PostgreSQL
# under a temporary directory, the server and the load generator
# (bench/src/main/java/com/atelier/bench/CheckoutBench.java, run with Java's single-file
# source launcher) on 127.0.0.1.
# Usage: bench/checkout.sh [SECONDS]   (mixed run, default 30; ATELIER_JAR=path skips the build;
#        FLASH_ROUNDS=n measured flash sales, default 5, after 4 to 12 discarded ones)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
seconds="${1:-30}"
rounds="${FLASH_ROUNDS:-5}"
warm_rounds=12 # at most; warm-up stops earlier once the JIT has settled
attempts=1000
units=100
shoppers=32
port=18400
work="$(mktemp -d /tmp/atelier-bench.XXXXXX)"
mkdir -p bench/results
out="bench/results/checkout-$(date +%Y%m%d-%H%M%S).txt"
log() { printf '%s\n' "$*" | tee -a "$out"; }

if [ -n "${ATELIER_JAR:-}" ]; then
	jar="$ATELIER_JAR"
else
	echo "building ..." >&2
	mvn -B -q -Dstyle.color=never -DskipTests -Dspring-javaformat.skip=true install >&2
	jar=infra/target/atelier-exec.jar
fi
export ATELIER_DATA_DIR="$work/data"
server=""
stop() { if [ -n "$server" ]; then kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; server=""; fi; }
trap 'stop; rm -rf "$work"' EXIT

# ATELIER_SERVE_ARGS: extra Spring properties for the server, e.g. "--server.tomcat.threads.max=32".
# shellcheck disable=SC2086
. bench/limits.env
java -jar "$jar" serve --demo --port "$port" $bench_limits ${ATELIER_SERVE_ARGS:-} >"$work/serve.log" 2>&1 &
server=$!
started=""
for _ in $(seq 1 180); do grep -q "Stop:" "$work/serve.log" && started=yes && break; sleep 1; done
if [ -z "$started" ]; then
	echo "the server did not start" >&2
	cat "$work/serve.log" >&2
	exit 1
fi
host="maison-aurele.localhost:$port"
base="http://127.0.0.1:$port"
api="$base/admin/api/v1"
bench=(java bench/src/main/java/com/atelier/bench/CheckoutBench.java)

# The bench integration and its admin token.
echo "setting up ..." >&2
credentials=$(java -XX:TieredStopAtLevel=1 -jar "$jar" client create maison-aurele --name bench \
	--scopes catalog:write,catalog:read,inventory:write,inventory:read,brand:write,orders:read)
client_id=$(echo "$credentials" | awk '/client id/ {print $3}')
client_secret=$(echo "$credentials" | awk '/client secret/ {print $3}')
token=$(curl -sf -H "Host: $host" -u "$client_id:$client_secret" \
	-d "grant_type=client_credentials&scope=catalog:write catalog:read inventory:write inventory:read orders:read brand:write" \
	"$base/oauth2/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
admin() { # admin METHOD PATH [JSON] -> response body; fails on an HTTP error
	curl -sf -X "$1" -H "Host: $host" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
		"$api$2" ${3:+-d "$3"}
}
jfield() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1], {"d": d}))' "$1"; }

# Every shopper of the benchmark comes from 127.0.0.1: lift the brand's limits of unpaid
# orders per network address, e-mail and device (ADR 30), as a brand behind one proxy would.
admin PATCH /checkout-settings '{"unpaidOrdersPerIp":0,"unpaidOrdersPerEmail":0,"unpaidOrdersPerDevice":0}' >/dev/null
eu=$(admin GET /markets | jfield 'next(m["id"] for m in d["items"] if m["handle"] == "eu")')
location=$(admin POST /stock-locations '{"handle":"bench","name":"Benchmark"}' | jfield 'd["id"]')
product() { # product HANDLE SKU UNITS -> variant id; active, 1250.00 EUR in the eu market, UNITS at the bench location
	local variant
	variant=$(admin POST /products '{"handle":"'"$1"'","title":"'"$1"'","status":"ACTIVE","vendor":"Maison",
		"variants":[{"sku":"'"$2"'"}]}' | jfield 'd["variants"][0]["id"]')
	admin PUT "/markets/$eu/prices" '{"prices":[{"sku":"'"$2"'","amount":"1250.00"}]}' >/dev/null
	admin POST /inventory/adjustments \
		'{"variantId":"'"$variant"'","locationId":"'"$location"'","delta":'"$3"',"reason":"benchmark"}' >/dev/null
	echo "$variant"
}
for i in $(seq 1 "$warm_rounds"); do product "flash-warm-up-$i" "FLASH-WARM-$i" "$units" >/dev/null; done
for i in $(seq 1 "$rounds"); do product "flash-sale-$i" "FLASH-$i" "$units" >/dev/null; done

# Mixed SKUs: the first variant of 20 active demo products priced in eu, with plenty of stock.
admin GET "/markets/$eu/prices?limit=200" >"$work/prices.json"
admin GET "/products?status=ACTIVE&limit=50" >"$work/products.json"
python3 - "$work/prices.json" "$work/products.json" >"$work/skus.txt" <<'EOF'
import json, sys
priced = {p["variantId"] for p in json.load(open(sys.argv[1]))["items"]}
chosen = [p["variants"][0] for p in json.load(open(sys.argv[2]))["items"]
          if p["variants"] and not p["variants"][0]["sku"].startswith("FLASH-") and p["variants"][0]["id"] in priced]
for v in chosen[:20]:
    print(v["id"], v["sku"])
EOF
skus=()
while read -r variant sku; do
	admin POST /inventory/adjustments \
		'{"variantId":"'"$variant"'","locationId":"'"$location"'","delta":100000,"reason":"benchmark"}' >/dev/null
	skus+=("$sku")
done <"$work/skus.txt"
if [ "${#skus[@]}" -lt 20 ]; then
	echo "found only ${#skus[@]} priced demo SKUs" >&2
	exit 1
fi

log "# Atelier checkout benchmark, $(date -u +%Y-%m-%dT%H:%MZ)"
log "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)"
log "server: bin/atelier serve --demo (embedded PostgreSQL 18), 127.0.0.1:$port; load: CheckoutBench on the same machine (flash sales on plain sockets, the rest java.net.http)"
log "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews the figures)"
log "brand maison-aurele, market eu, country FR, standard shipping, paymentProvider manual (order placed, units reserved)"
log ""

result() { # result FILE KEY -> the value of KEY on the RESULT line of FILE
	{ grep '^RESULT' "$1" || true; } | tr ' ' '\n' | awk -F= -v k="$2" '$1 == k {print $2}'
}
run() { # run NAME MODE ARGS... : CheckoutBench output into $work/NAME.txt; never fails the script
	local name=$1
	shift
	"${bench[@]}" "$@" >"$work/$name.txt" 2>&1 || true
}
ticks() { # CPU clock ticks (user + system, reaped children included) of these processes
	local total=0 pid
	for pid in "$@"; do
		[ -r "/proc/$pid/stat" ] || continue
		total=$((total + $(awk '{sub(/^.*\) /, ""); print $12 + $13 + $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)))
	done
	echo "$total"
}
busy() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }
postmaster=$(pgrep -f -- "-D $work/data/postgres" | head -1 || true)
postgres_ticks() { if [ -n "$postmaster" ]; then ticks "$postmaster" $(pgrep -P "$postmaster"); else echo 0; fi; }
client_ticks() { # client_ticks FILE: CPU ticks of this shell's finished children (the load generator
	# is one) from the output of `times`, which must run in this shell, not in $(...)
	awk -v hz="$(getconf CLK_TCK)" 'NR == 2 {
		t = 0; for (i = 1; i <= 2; i++) { split($i, p, "m"); sub(/s$/, "", p[2]); t += p[1] * 60 + p[2] }
		printf "%d", t * hz }' "$1"
}

# The JIT compiles for minutes under this load (10-15 s of compiler time per flash sale at
# first, on these two cores): the figures are for a server that has served a while, as one
# has when a sale opens. Warm-up sales run until one costs less than 1.5 s of JIT time
# (jstat), 4 at least and $warm_rounds at most.
jit_seconds() { jstat -compiler "$server" 2>/dev/null | awk 'NR == 2 {print $4}'; }
echo "warming up (flash sales until the JIT settles, then ${shoppers} shoppers for 20 s; not counted) ..." >&2
warm=""
jit=""
warmed=0
for i in $(seq 1 "$warm_rounds"); do
	before_jit=$(jit_seconds)
	run "warm-flash-$i" flash "$base" "$host" "FLASH-WARM-$i" "$attempts"
	spent=$(awk -v a="${before_jit:-0}" -v b="$(jit_seconds)" 'BEGIN {printf "%.1f", b - a}')
	warm="$warm $(result "$work/warm-flash-$i.txt" rate_to_last_winner)"
	jit="$jit $spent"
	warmed=$i
	if [ "$i" -ge 4 ] && awk -v s="$spent" 'BEGIN {exit !(s < 1.5)}'; then break; fi
done
run warm-mixed mixed "$base" "$host" 0 20 "$shoppers" "${skus[@]}"
log "warm-up (discarded): $warmed flash sales of $attempts on $units units, successful checkouts/s:$warm;" \
	"JIT compile time during each (s):$jit;" \
	"mixed $(result "$work/warm-mixed.txt" rate) checkouts/s, $(result "$work/warm-mixed.txt" errors) errors"
log ""

pass=true
rates=()
for i in $(seq 1 "$rounds"); do
	echo "flash sale $i of $rounds ..." >&2
	from=$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)
	run "flash-$i" flash "$base" "$host" "FLASH-$i" "$attempts"
	before=$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)
	log "## Flash sale $i of $rounds: $attempts checkouts at once on $units units of FLASH-$i"
	log "$(grep -v '^RESULT' "$work/flash-$i.txt")"
	run "verify-$i" verify "$base" "$host" "$token" "FLASH-$i" "$units" "$from" "$before"
	log "$(grep -v '^RESULT' "$work/verify-$i.txt")"
	log ""
	[ "$(result "$work/verify-$i.txt" pass)" = true ] || pass=false
	rates+=("$(result "$work/flash-$i.txt" rate_to_last_winner)")
done

echo "one shopper, 10 s (service time) ..." >&2
run single mixed "$base" "$host" 2 8 1 "${skus[@]}"
log "## One shopper alone (service time without contention), 8 s"
log "$(grep -v '^RESULT' "$work/single.txt" | sed 1d)"
log ""

echo "mixed SKUs, ${seconds}s ..." >&2
times >"$work/times0"; busy0=$(busy); server0=$(ticks "$server"); pg0=$(postgres_ticks)
run mixed mixed "$base" "$host" 5 "$seconds" "$shoppers" "${skus[@]}"
times >"$work/times1"; busy1=$(busy); server1=$(ticks "$server"); pg1=$(postgres_ticks)
log "## Mixed SKUs: $shoppers shoppers over ${#skus[@]} SKUs (${skus[*]})"
log "$(grep -v '^RESULT' "$work/mixed.txt")"
log "$(awk -v b=$((busy1 - busy0)) -v s=$((server1 - server0)) -v p=$((pg1 - pg0)) -v c=$(($(client_ticks "$work/times1") - $(client_ticks "$work/times0"))) \
	-v n="$(result "$work/mixed.txt" all_ok)" -v hz="$(getconf CLK_TCK)" 'BEGIN {
	o = b - s - p - c; if (o < 0) o = 0
	printf "CPU during the whole mixed run (%d successful checkouts, warm-up included): server JVM %.1f s (%.0f%%),", n, s / hz, 100 * s / b
	printf " PostgreSQL %.1f s (%.0f%%), load generator %.1f s (%.0f%%), other processes, interrupts and steal %.1f s (%.0f%%)\n", p / hz, 100 * p / b, c / hz, 100 * c / b, o / hz, 100 * o / b
	if (n > 0) printf "CPU per successful checkout flow (4-5 calls): server JVM %.1f ms, PostgreSQL %.1f ms", 1000 * s / hz / n, 1000 * p / hz / n }')"
log ""

echo "mixed SKUs, prepared carts ..." >&2
run prepared prepared "$base" "$host" 40 "$seconds" "$shoppers" "${skus[@]}"
log "## Mixed SKUs, carts filled beforehand: $shoppers shoppers checking out back to back"
log "$(grep -v '^RESULT' "$work/prepared.txt")"
log ""

errors=$(grep -c ' ERROR ' "$work/serve.log" || true)
warnings=$(grep -c ' WARN ' "$work/serve.log" || true)
log "## Server log: $errors ERROR and $warnings WARN lines"
if [ "$errors" != 0 ]; then log "$(grep ' ERROR ' "$work/serve.log" | head -5 | cut -c1-400)"; fi
log ""

goal() { awk -v v="$1" -v g="$2" 'BEGIN {print (v + 0 >= g) ? "met" : "MISSED"}'; }
hot=$(printf '%s\n' "${rates[@]}" | sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}')
mixed=$(result "$work/mixed.txt" rate)
log "## Summary"
log "flash sales, $rounds rounds of $attempts attempts on $units units: $([ "$pass" = true ] && echo PASS || echo FAIL)" \
	"(each: exactly $units orders hold the SKU, $units reserved of $units, no negative stock)"
log "  successful checkouts/s, hot SKU, per round: ${rates[*]}; median $hot   goal >= 300/s: $(goal "$hot" 300)"
for i in $(seq 1 "$rounds"); do
	log "    round $i: $(result "$work/flash-$i.txt" winners) winners, $(result "$work/flash-$i.txt" losers) losers," \
		"$(result "$work/flash-$i.txt" errors) errors; winners p99 $(result "$work/flash-$i.txt" winner_p99_ms) ms," \
		"losers p99 $(result "$work/flash-$i.txt" loser_p99_ms) ms"
done
log "mixed SKUs, whole shopper flow (cart, lines, details, checkout), $shoppers shoppers: $mixed successful checkouts/s, $(result "$work/mixed.txt" errors) errors   goal >= 200/s: $(goal "$mixed" 200)"
log "    checkout call p99 $(result "$work/mixed.txt" checkout_p99_ms) ms, whole flow p99 $(result "$work/mixed.txt" flow_p99_ms) ms"
prepared=$(result "$work/prepared.txt" rate)
log "mixed SKUs, carts filled beforehand (as in the flash sale), $shoppers shoppers: $prepared checkouts/s   goal >= 200/s: $(goal "$prepared" 200)"
log "    checkout call p50 $(result "$work/prepared.txt" checkout_p50_ms) ms, p99 $(result "$work/prepared.txt" checkout_p99_ms) ms"
log ""
log "results written to $out"
[ "$pass" = true ]
