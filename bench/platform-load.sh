#!/usr/bin/env bash
# platform-load.sh — textdesk-platform under load: figures, never a test
#
# Copyright 2026 The Textdesk authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Seeds a database with 1,000,000 messages and 100,000 subscribers, then
# measures on loopback:
#   1. sustained inbound webhook throughput: signed Twilio-style texts
#      (keywords, misspellings, expired keywords, HELP, real texts) through
#      POST /gateway/twilio/{code} with wrk, keyword routing included;
#   2. GET /v1/conversations latency at a constant 500 requests/s (open
#      loop, no coordinated omission), p50 and p99;
#   3. what GET /v1/conversations gives at most (wrk, closed loop).
# See bench/README.md. Everything is bounded in count and time.
#
# Usage: bench/platform-load.sh [BUILD-DIR]
# Environment: SUBSCRIBERS (100000), MESSAGES (1000000), WEBHOOK_SECONDS (20),
#   WEBHOOK_CONNECTIONS (32), RATE (500), LATENCY_SECONDS (20), TOKENS (64),
#   KEEP=1 keeps the work directory.
set -euo pipefail

top="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-${TEXTDESK_BUILD_DIR:-$top/_build}}"
platform="$build/src/textdesk-platform"
corpus="${TEXTDESK_SHARED_DATA:-$top/../shared/data}/sms-spam-collection.tsv"
subscribers="${SUBSCRIBERS:-100000}"
messages="${MESSAGES:-1000000}"
webhook_seconds="${WEBHOOK_SECONDS:-20}"
webhook_connections="${WEBHOOK_CONNECTIONS:-32}"
rate="${RATE:-500}"
latency_seconds="${LATENCY_SECONDS:-20}"

for tool in wrk sqlite3 python3 curl; do
  command -v "$tool" >/dev/null || { echo "needs $tool (build-aux/install-deps)" >&2; exit 1; }
done
[ -x "$platform" ] || { echo "no $platform: build first (meson compile -C _build)" >&2; exit 1; }
[ -f "$corpus" ] || { echo "no corpus at $corpus" >&2; exit 1; }
[ "$webhook_seconds" -le 120 ] && [ "$latency_seconds" -le 120 ] ||
  { echo "durations are bounded to 120 s" >&2; exit 1; }

work="$(mktemp -d "${TMPDIR:-/tmp}/textdesk-bench.XXXXXX")"
db="$work/platform.db"
server_pid=""
cleanup () {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  if [ "${KEEP:-0}" = 1 ]; then
    echo "kept $work" >&2
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT

# Starts the server on a free loopback port; sets $base and $server_pid.
start_server () {
  local out="$work/server.out"
  : >"$out"
  "$platform" serve --db "$db" --listen 127.0.0.1:0 "$@" >"$out" 2>"$work/server.err" &
  server_pid=$!
  for _ in $(seq 1 300); do
    if [ -s "$out" ]; then
      base="$(head -n1 "$out" | sed -n 's|^listening on \(http://127\.0\.0\.1:[0-9]*\).*|\1|p')"
      [ -n "$base" ] && return 0
      echo "unexpected first line: $(head -n1 "$out")" >&2
      exit 1
    fi
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.err" >&2; exit 1; }
    sleep 0.1
  done
  echo "the server did not start in 30 s" >&2
  exit 1
}

# CPU time the server has used, in milliseconds (user + system): divided by
# the requests of a phase, a cost per request that other load on the
# machine hardly changes.
clk_tck="$(getconf CLK_TCK)"
server_cpu_ms () {
  awk -v t="$clk_tck" '{ sub(/^.*\) /, ""); printf "%d", ($12 + $13) * 1000 / t }' "/proc/$server_pid/stat"
}
cpu_per () {
  awk -v a="$1" -v b="$2" -v n="$3" 'BEGIN { if (n > 0) printf "%.2f", (b - a) / n; else print "n/a" }'
}

stop_server () {
  kill "$server_pid"
  wait "$server_pid" 2>/dev/null || true
  server_pid=""
}

server_alive () {
  if ! kill -0 "$server_pid" 2>/dev/null; then
    local status=0
    wait "$server_pid" || status=$?
    server_pid=""
    echo "the server died during the $1 (exit status $status); its stderr:" >&2
    tail -n 20 "$work/server.err" >&2
    exit 1
  fi
}

echo "== textdesk-platform load benchmark =="
echo "load average before: $(cut -d" " -f1-3 /proc/loadavg) (other processes share the machine)"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(uname -m)"

# 1. Schema and demo accounts from the server itself, then the bulk rows.
start_server --demo
stop_server
echo "seeding $messages messages and $subscribers subscribers..."
seed="$(python3 "$top/bench/platform-seed.py" --db "$db" --corpus "$corpus" \
          --subscribers "$subscribers" --messages "$messages" --phones "$work/phones.txt")"
echo "seeded: $seed"
echo "database: $(du -h "$db" | cut -f1)"

# 2. The server on the seeded database (no --demo: no simulated traffic).
start_server
echo "server: $base (pid $server_pid)"

# The latency load comes from many users: the platform limits the rate per
# token, and 500 requests/s from one token is no user's traffic.
for _ in $(seq 1 "${TOKENS:-64}"); do
  "$platform" token --db "$db" --email admin@wave.example
done >"$work/tokens.txt"
codes_json="$(
  for code in 41019 72000; do
    secret="$("$platform" secret --db "$db" --short-code "$code")"
    printf '%s\t%s\n' "$code" "$secret"
  done | python3 -c '
import json, sqlite3, sys
db = sys.argv[1]
con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
out = {}
for line in sys.stdin:
    code, secret = line.rstrip("\n").split("\t")
    rows = con.execute(
        "SELECT k.keyword, c.status FROM keywords k JOIN campaigns c ON c.id = k.campaign_id "
        "JOIN short_codes s ON s.id = k.short_code_id WHERE s.code = ?", (code,)).fetchall()
    out[code] = {"secret": secret,
                 "active": sorted(k for k, s in rows if s == "active"),
                 "inactive": sorted(k for k, s in rows if s != "active")}
print(json.dumps(out))' "$db"
)"

count_texts () {
  sqlite3 "file:$db?mode=ro" "SELECT COUNT(*) FROM texts WHERE direction = '$1'" 2>/dev/null ||
    sqlite3 "$db" "SELECT COUNT(*) FROM texts WHERE direction = '$1'"
}

# 3. Inbound webhook throughput.
requests=$(( webhook_seconds * 12000 ))
echo "signing $requests distinct inbound texts..."
python3 "$top/bench/platform-sign.py" --base "$base" --count "$requests" \
  --codes "$codes_json" --phones "$work/phones.txt" --corpus "$corpus" \
  --run "$(date +%s)" >"$work/requests.tsv"
cpu_webhook_0="$(server_cpu_ms)"
before="$(count_texts inbound)"
outbound_before="$(count_texts outbound)"
echo "webhook: wrk, 2 threads, $webhook_connections connections, ${webhook_seconds} s..."
wrk -t2 -c"$webhook_connections" -d"${webhook_seconds}s" --timeout 10s \
  -s "$top/bench/platform-webhook.lua" "$base" -- "$work/requests.tsv" 2 \
  >"$work/wrk.out" 2>&1 || { cat "$work/wrk.out" >&2; exit 1; }
server_alive "webhook run"
cpu_webhook_1="$(server_cpu_ms)"
result="$(grep '^RESULT ' "$work/wrk.out" | sed 's/^RESULT //')"
sleep 2
after="$(count_texts inbound)"
outbound_after="$(count_texts outbound)"
eval "$(echo "$result" | tr ' ' '\n' | sed 's/^/wrk_/')"
stored=$(( after - before ))
webhook_rate="$(awk -v n="$wrk_requests" -v s="$wrk_seconds" 'BEGIN { printf "%.0f", n / s }')"
stored_rate="$(awk -v n="$stored" -v s="$wrk_seconds" 'BEGIN { printf "%.0f", n / s }')"

# 4. GET /v1/conversations at a constant rate.
campaign_id="$(sqlite3 "file:$db?mode=ro" "SELECT c.id FROM campaigns c JOIN accounts a ON a.id = c.account_id \
  WHERE a.name = 'Wave 101.9 FM' AND c.status = 'active' ORDER BY c.message_count DESC LIMIT 1")"
echo "latency: GET /v1/conversations at $rate requests/s for ${latency_seconds} s..."
cpu_latency_0="$(server_cpu_ms)"
latency="$(python3 "$top/bench/platform-latency.py" --base "$base" --tokens "$work/tokens.txt" \
  --rate "$rate" --duration "$latency_seconds" --connections 16 \
  --path '/v1/conversations?view=stream&limit=50' \
  --path "/v1/conversations?campaign_id=$campaign_id&limit=50" \
  --path '/v1/conversations?view=stream&unread=true&limit=50' \
  --path '/v1/conversations?limit=50')"
server_alive "latency run"
cpu_latency_1="$(server_cpu_ms)"

# 5. What the server can give at most: the same GETs, closed loop.
echo "capacity: GET /v1/conversations as fast as answered, 4 connections, 10 s..."
cpu_get_0="$(server_cpu_ms)"
wrk -t1 -c4 -d10s --timeout 10s -s "$top/bench/platform-get.lua" "$base" -- "$work/tokens.txt" \
  '/v1/conversations?view=stream&limit=50' "/v1/conversations?campaign_id=$campaign_id&limit=50" \
  '/v1/conversations?view=stream&unread=true&limit=50' '/v1/conversations?limit=50' \
  >"$work/wrk-get.out" 2>&1 || { cat "$work/wrk-get.out" >&2; exit 1; }
server_alive "capacity run"
cpu_get_1="$(server_cpu_ms)"
eval "$(grep '^RESULT ' "$work/wrk-get.out" | sed 's/^RESULT //' | tr ' ' '\n' | sed 's/^/get_/')"
get_rate="$(awk -v n="$get_requests" -v s="$get_seconds" 'BEGIN { printf "%.0f", n / s }')"
field () { python3 -c 'import json, sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$latency" "$1"; }

echo
echo "== figures ($(nproc) cores; server and load generator share them) =="
printf 'seeded                 %s\n' "$seed"
printf 'webhook throughput     %s texts/s answered (%s requests in %s s, non-200: %s, socket errors: %s, redeliveries: %s)\n' \
  "$webhook_rate" "$wrk_requests" "$wrk_seconds" "$wrk_non200" "$wrk_errors" "$wrk_wrapped"
printf '                       %s texts/s stored (%s new inbound texts; %s responses queued: auto-responses, HELP, fallbacks)\n' \
  "$stored_rate" "$stored" "$(( outbound_after - outbound_before ))"
printf '                       latency p50 %s ms, p99 %s ms at %s connections (target: >= 3000 texts/s)\n' \
  "$wrk_p50_ms" "$wrk_p99_ms" "$webhook_connections"
printf 'GET /v1/conversations  p50 %s ms, p90 %s ms, p99 %s ms, max %s ms at %s requests/s (achieved %s/s, %s requests, statuses %s) (target: p99 < 10 ms)\n' \
  "$(field p50_ms)" "$(field p90_ms)" "$(field p99_ms)" "$(field max_ms)" "$rate" \
  "$(field achieved_rps)" "$(field requests)" "$(field statuses)"
printf 'GET capacity           %s requests/s closed loop over 4 connections (p50 %s ms, p99 %s ms, non-200: %s)\n' \
  "$get_rate" "$get_p50_ms" "$get_p99_ms" "$get_non200"
printf 'server CPU             %s ms a webhook text, %s ms a GET /v1/conversations (constant-rate run), %s ms a GET (capacity run); server threads: %s\n' \
  "$(cpu_per "$cpu_webhook_0" "$cpu_webhook_1" "$wrk_requests")" \
  "$(cpu_per "$cpu_latency_0" "$cpu_latency_1" "$(field requests)")" \
  "$(cpu_per "$cpu_get_0" "$cpu_get_1" "$get_requests")" \
  "$(ls "/proc/$server_pid/task" | wc -l)"
printf 'load average after     %s\n' "$(cut -d" " -f1-3 /proc/loadavg)"
