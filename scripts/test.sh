#!/usr/bin/env bash
# The one test command: installs what the tests need on a fresh Debian machine (Chromium, Redis), builds,
# starts a throwaway redis-server on a free loopback port, runs every test project, stops what it started,
# and ends with one line totalling every project: "N passed, N failed[, N skipped]".
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
configuration=${CONFIGURATION:-Release}
results="$root/artifacts/test-results"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/sbin/dnsmasq ] || missing+=(dnsmasq-base)
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> installing ${missing[*]}"
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" || exit 1
fi

echo "==> restore and build ($configuration)"
dotnet restore AgentProvision.sln || exit 1
dotnet build AgentProvision.sln -c "$configuration" --no-restore || exit 1

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$(( 20000 + RANDOM % 20000 ))
    (echo > "/dev/tcp/127.0.0.1/$port") >/dev/null 2>&1 || { echo "$port"; return 0; }
  done
  return 1
}

redis_port=$(free_port) || { echo "no free port for redis-server"; exit 1; }
redis_dir=$(mktemp -d)
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --dir "$redis_dir" \
  --daemonize yes --pidfile "$redis_dir/redis.pid" --logfile "$redis_dir/redis.log" || exit 1
cleanup() {
  [ -f "$redis_dir/redis.pid" ] && kill "$(cat "$redis_dir/redis.pid")" 2>/dev/null
  rm -rf "$redis_dir"
}
trap cleanup EXIT
for _ in $(seq 1 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
export REDIS_URL="127.0.0.1:$redis_port"
echo "==> redis-server on $REDIS_URL"

rm -rf "$results"
status=0
for project in AgentProvision.Tests AgentProvision.E2E; do
  echo "==> $project"
  dotnet test --project "$project" -c "$configuration" --no-build \
    --report-trx --results-directory "$results/$project" || status=1
done

passed=0; failed=0; skipped=0
for trx in "$results"/*/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  value() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  passed=$(( passed + $(value passed) ))
  failed=$(( failed + $(value failed) ))
  skipped=$(( skipped + $(value notExecuted) ))
done
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then
  echo "no test results were found"; status=1
fi
[ "$failed" -gt 0 ] && status=1

summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary"
exit $status
