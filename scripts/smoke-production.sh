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
# Stale limiter keys (users' rl:*, the webhook's alertmanager-webhook*) would
# let the Redis checks below pass without this run, or limit it early.
for pattern in 'rl:*' 'alertmanager-webhook*'; do
  redis-cli -u "${REDIS_URL:-redis://127.0.0.1:6379}" --scan --pattern "$pattern" | xargs -r redis-cli -u "${REDIS_URL:-redis://127.0.0.1:6379}" del >/dev/null
done

smoke_limit=10
overlay=$(mktemp --suffix=.yaml)
cat >"$overlay" <<YAML
backend:
  database:
    prefix: ${prefix}
  # A small users' limit, so the proxy test below reaches it quickly.
  rateLimit:
    incomingRequestLimit: ${smoke_limit}
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
# The reverse proxy (HAProxy, below) runs on this host.
export VIGIL_TRUSTED_PROXIES=loopback
# Sign-in (H2): production's IdP is played by the local OpenID Provider on a
# port of its own; the session secret is production's own variable.
export VIGIL_AUTH_SESSION_SECRET=smoke-session-secret-not-for-production
export VIGIL_OIDC_CLIENT_ID=vigil-portal VIGIL_OIDC_CLIENT_SECRET=smoke-oidc-secret
export VIGIL_OIDC_METADATA_URL=http://127.0.0.1:7011/.well-known/openid-configuration
VIGIL_OIDC_DEMO_PASSWORD=smoke-demo-password node packages/local-oidc/bin/vigil-local-oidc --port 7011 \
  --redirect-uri "$VIGIL_BASE_URL/api/auth/oidc/handler/frame" >.data/test-results/production-oidc.log 2>&1 &
oidc_pid=$!

(cd packages/backend && exec yarn backstage-cli package start \
  --config ../../app-config.yaml --config ../../app-config.production.yaml --config "$overlay") >"$log" 2>&1 &
pid=$!
cleanup() {
  pkill -TERM -P "$pid" 2>/dev/null || true
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  [ -z "${proxy_pid:-}" ] || kill -TERM "$proxy_pid" 2>/dev/null || true
  kill -TERM "$oidc_pid" 2>/dev/null || true
  rm -f "$overlay" "${proxy_cfg:-}"
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

# --- Sign-in (H2, README Security > Sign-in): no guest in production, the
# OIDC provider is there and sends the browser to the IdP.
guest=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'X-Requested-With: XMLHttpRequest' http://127.0.0.1:7007/api/auth/guest/refresh)
[ "$guest" = 404 ] || fail "production accepted or offered guest sign-in (POST /api/auth/guest/refresh answered $guest, expected 404)"
oidc_start=$(curl -s -D - -o /dev/null 'http://127.0.0.1:7007/api/auth/oidc/start?env=production&scope=openid%20profile%20email')
grep -qi '^location: http://127.0.0.1:7011/auth?' <<<"$oidc_start" || fail "the OIDC provider did not send the browser to the IdP"
grep -qi '^set-cookie: oidc-nonce=.*HttpOnly' <<<"$oidc_start" || fail "the OIDC nonce cookie is not HttpOnly"
grep -qi '^set-cookie: oidc-nonce=.*SameSite=Lax' <<<"$oidc_start" || fail "the OIDC nonce cookie is not SameSite=Lax"
echo "smoke: sign-in through OIDC only (guest 404, nonce cookie HttpOnly and SameSite)"

# Unauthenticated reads are refused, and the limiter counts them in Redis.
headers=$(curl -s -D - -o /dev/null http://127.0.0.1:7007/api/catalog/entities)
grep -q '^HTTP/1.1 401' <<<"$headers" || fail "an unauthenticated catalog read was not refused"
grep -qi "^x-ratelimit-limit: $smoke_limit" <<<"$headers" || fail "no rate-limit headers: the limiter is off"
redis-cli -u "$REDIS_URL" --scan --pattern 'rl:*' | grep -q . || fail "the rate limiter keeps nothing in Redis"
echo "smoke: rate limiting on, store in Redis"

# --- Security headers (H1, README Security > Headers): strict CSP, nosniff,
# HSTS for requests that arrived over TLS at the proxy, CORS only for the
# app's origin.
probe=http://127.0.0.1:7007/.backstage/health/v1/readiness
headers=$(curl -s -D - -o /dev/null -H 'X-Forwarded-Proto: https' "$probe")
csp=$(grep -i '^content-security-policy:' <<<"$headers" | tr -d '\r') || fail "no Content-Security-Policy header"
for directive in "default-src 'self'" "script-src 'self';" "connect-src 'self';" "object-src 'none'" "frame-ancestors 'self'" "base-uri 'self'"; do
  grep -qF "$directive" <<<"$csp" || fail "the CSP lacks $directive: $csp"
done
grep -qE "unsafe-eval|connect-src[^;]*(http:|https:)" <<<"$csp" && fail "the CSP is not strict: $csp"
grep -qi '^x-content-type-options: nosniff' <<<"$headers" || fail "no X-Content-Type-Options: nosniff"
grep -qiE '^strict-transport-security: max-age=[0-9]{7,}' <<<"$headers" || fail "no HSTS header for an https request"
foreign=$(curl -s -D - -o /dev/null -H 'Origin: https://evil.example' "$probe")
grep -qi '^access-control-allow-origin' <<<"$foreign" && fail "a foreign Origin got Access-Control-Allow-Origin"
own=$(curl -s -D - -o /dev/null -H "Origin: $VIGIL_BASE_URL" "$probe")
grep -qiF "access-control-allow-origin: $VIGIL_BASE_URL" <<<"$own" || fail "the app's origin got no Access-Control-Allow-Origin"
echo "smoke: strict CSP, nosniff, HSTS, CORS for the app's origin only"
# --- end of security headers (H1)

for _ in $(seq 1 120); do
  count=$("${pg[@]}" -d "${prefix}catalog" -c "select count(*) from final_entities where entity_ref = 'component:default/scoring-api'" 2>/dev/null || echo 0)
  [ "$count" = "1" ] && break
  sleep 1
done
[ "$count" = "1" ] || fail "the catalog did not store the scoring API in PostgreSQL"
echo "smoke: catalog stored in PostgreSQL (${prefix}catalog)"

# --- Rate limits behind a reverse proxy (H4, README Security > Rate limits).
# A real HAProxy on 127.0.0.1 (option forwardfor) in front of the backend;
# backend.trustProxy names it, so clients 127.0.0.2 and 127.0.0.3 get their
# own buckets, and 127.0.0.1 is not exempt behind it. Last in this script:
# it uses up 127.0.0.1's bucket.
command -v haproxy >/dev/null || fail "haproxy not found (apt-get install haproxy)"
proxy_port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
proxy_cfg=$(mktemp --suffix=.cfg)
cat >"$proxy_cfg" <<CFG
defaults
  mode http
  timeout connect 5s
  timeout client 30s
  timeout server 30s
frontend smoke
  bind 127.0.0.1:$proxy_port
  option forwardfor
  default_backend vigil
backend vigil
  server backstage 127.0.0.1:7007
CFG
haproxy -db -f "$proxy_cfg" >.data/test-results/haproxy.log 2>&1 &
proxy_pid=$!
proxy=http://127.0.0.1:$proxy_port
for _ in $(seq 1 50); do
  curl -sf -o /dev/null "$proxy/.backstage/health/v1/readiness" && break
  kill -0 "$proxy_pid" 2>/dev/null || fail "haproxy exited (log in .data/test-results/haproxy.log)"
  sleep 0.2
done
# The status line and headers of a request from a source address.
from() { curl -s -o /dev/null -D - --interface "$1" "${@:2}" || true; }
status() { head -1 | awk '{print $2}'; }
for i in $(seq 1 "$smoke_limit"); do
  code=$(from 127.0.0.2 "$proxy/api/catalog/entities" | status)
  [ "$code" = 401 ] || fail "client A's request $i through the proxy answered $code, not 401"
done
limited=$(from 127.0.0.2 "$proxy/api/catalog/entities")
[ "$(status <<<"$limited")" = 429 ] || fail "client A was not limited after $smoke_limit requests"
retry=$(grep -i '^retry-after:' <<<"$limited" | tr -dc '0-9' || true)
[ "${retry:-0}" -gt 0 ] || fail "the 429 carries no Retry-After"
echo "smoke: client A (127.0.0.2) behind the proxy: 429 after $smoke_limit requests, Retry-After: $retry"
code=$(from 127.0.0.3 "$proxy/api/catalog/entities" | status)
[ "$code" = 401 ] || fail "client B answered $code: it shares client A's bucket"
echo "smoke: client B (127.0.0.3) behind the proxy still gets through (401, not 429)"
code=$(from 127.0.0.2 -X POST -H 'content-type: application/json' -d '{}' "$proxy/api/incidents/alertmanager/webhook" | status)
[ -n "$code" ] && [ "$code" != 429 ] || fail "the Alertmanager webhook answered $code to limited client A"
redis-cli -u "$REDIS_URL" --scan --pattern 'alertmanager-webhook*' | grep -q . || fail "the webhook's bucket keeps nothing in Redis"
echo "smoke: the Alertmanager webhook has its own bucket in Redis ($code for client A)"
code=
for _ in $(seq 1 $((smoke_limit + 5))); do
  code=$(from 127.0.0.1 "$proxy/api/catalog/entities" | status)
  [ "$code" = 429 ] && break
done
[ "$code" = 429 ] || fail "127.0.0.1 behind the proxy is exempt from the rate limit"
echo "smoke: 127.0.0.1 behind the proxy is limited too"
# --- end of rate limits behind a reverse proxy (H4)
