#!/usr/bin/env bash
# Boots the backend on app-config.production.yaml against the real PostgreSQL
# and Redis on 127.0.0.1 and checks what production promises: readiness, the
# catalog stored in PostgreSQL, the rate limiter answering from Redis.
set -euo pipefail
cd "$(dirname "$0")/.."

prefix=vigil_smoke_
pg=(psql -h "${POSTGRES_HOST:-127.0.0.1}" -p "${POSTGRES_PORT:-5432}" -U "${POSTGRES_USER:-postgres}" -v ON_ERROR_STOP=1 -tA)
drop_smoke_databases() {
  for db in $("${pg[@]}" -d postgres -c "select datname from pg_database where datname like '${prefix}%'"); do
    "${pg[@]}" -d postgres -c "drop database \"$db\" with (force)" >/dev/null
  done
}
command -v psql >/dev/null || { echo "smoke: psql not found (apt-get install postgresql-client)" >&2; exit 1; }
drop_smoke_databases
# Stale limiter keys would let the Redis check below pass without this run.
redis-cli -u "${REDIS_URL:-redis://127.0.0.1:6379}" --scan --pattern 'rl:*' | xargs -r redis-cli -u "${REDIS_URL:-redis://127.0.0.1:6379}" del >/dev/null

overlay=$(mktemp --suffix=.yaml)
cat >"$overlay" <<YAML
backend:
  database:
    prefix: ${prefix}
YAML
log=.data/test-results/production-backend.log
mkdir -p .data/test-results

export VIGIL_BASE_URL=http://localhost:7007
export BACKEND_SECRET=smoke-test-secret-not-for-production
export POSTGRES_HOST=${POSTGRES_HOST:-127.0.0.1} POSTGRES_PORT=${POSTGRES_PORT:-5432}
export POSTGRES_USER=${POSTGRES_USER:-postgres} POSTGRES_PASSWORD=${POSTGRES_PASSWORD:-unused}
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379}
export VIGIL_TECHDOCS_DIR=$PWD/.data/test-results/techdocs
export VIGIL_PROMETHEUS_URL=http://127.0.0.1:9090 VIGIL_ALERTMANAGER_URL=http://127.0.0.1:9093

(cd packages/backend && exec yarn backstage-cli package start \
  --config ../../app-config.yaml --config ../../app-config.production.yaml --config "$overlay") >"$log" 2>&1 &
pid=$!
cleanup() {
  pkill -TERM -P "$pid" 2>/dev/null || true
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -f "$overlay"
  [ -n "${VIGIL_SMOKE_KEEP:-}" ] || drop_smoke_databases
}
trap cleanup EXIT

fail() {
  echo "smoke: $*; backend log in $log" >&2
  exit 1
}

for _ in $(seq 1 120); do
  curl -sf -o /dev/null http://127.0.0.1:7007/.backstage/health/v1/readiness && break
  kill -0 "$pid" 2>/dev/null || fail "the backend exited during start"
  sleep 1
done
curl -sf -o /dev/null http://127.0.0.1:7007/.backstage/health/v1/readiness || fail "not ready after 120 s"
echo "smoke: backend ready on PostgreSQL and Redis"

# Unauthenticated reads are refused, and the limiter counts them in Redis.
headers=$(curl -s -D - -o /dev/null http://127.0.0.1:7007/api/catalog/entities)
grep -q '^HTTP/1.1 401' <<<"$headers" || fail "an unauthenticated catalog read was not refused"
grep -qi '^x-ratelimit-limit: 600' <<<"$headers" || fail "no rate-limit headers: the limiter is off"
redis-cli -u "$REDIS_URL" --scan --pattern 'rl:*' | grep -q . || fail "the rate limiter keeps nothing in Redis"
echo "smoke: rate limiting on, store in Redis"

for _ in $(seq 1 120); do
  count=$("${pg[@]}" -d "${prefix}catalog" -c "select count(*) from final_entities where entity_ref = 'component:default/scoring-api'" 2>/dev/null || echo 0)
  [ "$count" = "1" ] && break
  sleep 1
done
[ "$count" = "1" ] || fail "the catalog did not store the scoring API in PostgreSQL"
echo "smoke: catalog stored in PostgreSQL (${prefix}catalog)"
