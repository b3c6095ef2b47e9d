#!/usr/bin/env bash
# Boots two backend replicas on app-config.production.yaml against the real
# PostgreSQL and Redis on 127.0.0.1, behind HAProxy (ops/haproxy/portal.cfg),
# and checks what production promises: readiness, the catalog stored in
# PostgreSQL, the rate limiter answering from Redis, and what two replicas
# promise (README, Two replicas): the events bus, scheduled work once, the
# webhook idempotent across them, signals and sessions on either one, a
# replica killed mid-burst losing nothing (scripts/replicas-test.mjs and
# packages/app/e2e-replicas/). Ports: VIGIL_SMOKE_PORT (HAProxy, 7007);
# the replicas, their metrics, HAProxy's stats and the OIDC provider on the
# next ones up from VIGIL_SMOKE_PORT_BASE (7101).
set -euo pipefail
cd "$(dirname "$0")/.."

prefix=${VIGIL_SMOKE_DB_PREFIX:-vigil_smoke_}
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

# Production's own users' limit: the two-replica checks and a browser fit in
# it, and the rate-limit checks below send this many requests per client.
smoke_limit=600
front_port=${VIGIL_SMOKE_PORT:-7007}
base_port=${VIGIL_SMOKE_PORT_BASE:-7101}
port_a=$base_port port_b=$((base_port + 1))
metrics_a=$((base_port + 2)) metrics_b=$((base_port + 3))
stats_port=$((base_port + 4)) oidc_port=$((base_port + 5))
front=http://127.0.0.1:$front_port
api_token=$(node -e 'console.log(require("crypto").randomBytes(24).toString("hex"))')
overlay=$(mktemp --suffix=.yaml)
cat >"$overlay" <<YAML
backend:
  database:
    prefix: ${prefix}
  rateLimit:
    incomingRequestLimit: ${smoke_limit}
  auth:
    externalAccess:
      - type: legacy
        options:
          secret: \${BACKEND_SECRET}
          subject: legacy-default-config
      # The two-replica checks read incidents with it.
      - type: static
        options:
          token: ${api_token}
          subject: vigil-replicas-test
# A global task with a short cadence, so the exactly-once check sees runs.
search:
  collators:
    incidents:
      schedule:
        scope: global
        # minutes: 0 overrides production's { minutes: 5 } (config merges keys).
        frequency: { minutes: 0, seconds: 4 }
        timeout: { minutes: 1 }
        initialDelay: { seconds: 1 }
# As loadtest/incidents' scenarios expect (the replica checks reuse them).
vigil:
  incidents:
    alertmanager:
      resolveIncidentWhenAllResolved: true
      reopenOnRefire: true
YAML
mkdir -p .data/test-results

export VIGIL_BASE_URL=http://localhost:$front_port
export VIGIL_ALERTMANAGER_WEBHOOK_TOKEN=smoke-webhook-token-not-for-production
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
export VIGIL_OIDC_METADATA_URL=http://127.0.0.1:$oidc_port/.well-known/openid-configuration
export VIGIL_OIDC_DEMO_PASSWORD=smoke-demo-password
node packages/local-oidc/bin/vigil-local-oidc --port "$oidc_port" \
  --redirect-uri "$VIGIL_BASE_URL/api/auth/oidc/handler/frame" >.data/test-results/production-oidc.log 2>&1 &
oidc_pid=$!

# Each replica is the backend's own node process (as backstage-cli's runner
# starts it), so the kill below reaches the real process.
transform=$(node -p "require.resolve('@backstage/cli-node/config/nodeTransform.cjs', { paths: ['packages/backend'] })")
start_replica() { # name port metrics-port
  (cd packages/backend && NODE_ENV=development ESBK_TSCONFIG_PATH="$PWD/../../tsconfig.json" \
    APP_CONFIG_backend_listen=":$2" VIGIL_BACKEND_METRICS_PORT="$3" VIGIL_REPLICA="$1" \
    exec node --enable-source-maps --require "$transform" --require ./src/instrumentation.js src/index.ts \
    --config ../../app-config.yaml --config ../../app-config.production.yaml --config "$overlay") \
    >".data/test-results/production-backend-$1.log" 2>&1 &
}
# One after the other: replicas starting together on fresh databases race
# on each plugin's migrations (knex: "Migration table is already locked").
start_replica a "$port_a" "$metrics_a"
pid_a=$!
pid_b=
log=".data/test-results/production-backend-{a,b}.log"
mkdir -p .data/haproxy
VIGIL_PORTAL_BIND=127.0.0.1:$front_port VIGIL_PORTAL_STATS=127.0.0.1:$stats_port \
  VIGIL_REPLICA_A=127.0.0.1:$port_a VIGIL_REPLICA_B=127.0.0.1:$port_b \
  VIGIL_PORTAL_ADMIN_SOCKET=.data/haproxy/portal-smoke.sock \
  haproxy -db -f ops/haproxy/portal.cfg >.data/test-results/haproxy-portal.log 2>&1 &
proxy_pid=$!
cleanup() {
  for p in $pid_a $pid_b; do kill -TERM "$p" 2>/dev/null || true; done
  for p in $pid_a $pid_b; do wait "$p" 2>/dev/null || true; done
  kill -TERM "$proxy_pid" "$oidc_pid" 2>/dev/null || true
  rm -f "$overlay"
  [ -n "${VIGIL_SMOKE_KEEP:-}" ] || drop_smoke_databases
}
trap cleanup EXIT

fail() {
  echo "smoke: $*; backend logs in $log" >&2
  exit 1
}

boot_started=$SECONDS
wait_ready() { # name port pid
  until curl -sf -o /dev/null "http://127.0.0.1:$2/.backstage/health/v1/readiness"; do
    kill -0 "$3" 2>/dev/null || fail "replica $1 exited during start"
    grep -q 'Backend startup failed' ".data/test-results/production-backend-$1.log" && fail "replica $1 failed to start"
    [ $((SECONDS - boot_started)) -lt 240 ] || fail "replica $1 not ready after 240 s"
    sleep 1
  done
}
wait_ready a "$port_a" "$pid_a"
start_replica b "$port_b" "$metrics_b"
pid_b=$!
wait_ready b "$port_b" "$pid_b"
until curl -sf -o /dev/null "$front/.backstage/health/v1/readiness"; do
  kill -0 "$proxy_pid" 2>/dev/null || fail "haproxy exited (log in .data/test-results/haproxy-portal.log)"
  sleep 0.2
done
echo "smoke: two replicas ready on PostgreSQL and Redis behind HAProxy ($((SECONDS - boot_started)) s)"

# --- Sign-in (H2, README Security > Sign-in): no guest in production, the
# OIDC provider is there and sends the browser to the IdP.
guest=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'X-Requested-With: XMLHttpRequest' $front/api/auth/guest/refresh)
[ "$guest" = 404 ] || fail "production accepted or offered guest sign-in (POST /api/auth/guest/refresh answered $guest, expected 404)"
oidc_start=$(curl -s -D - -o /dev/null "$front/api/auth/oidc/start?env=production&scope=openid%20profile%20email")
grep -qi "^location: http://127.0.0.1:$oidc_port/auth?" <<<"$oidc_start" || fail "the OIDC provider did not send the browser to the IdP"
grep -qi '^set-cookie: oidc-nonce=.*HttpOnly' <<<"$oidc_start" || fail "the OIDC nonce cookie is not HttpOnly"
grep -qi '^set-cookie: oidc-nonce=.*SameSite=Lax' <<<"$oidc_start" || fail "the OIDC nonce cookie is not SameSite=Lax"
echo "smoke: sign-in through OIDC only (guest 404, nonce cookie HttpOnly and SameSite)"

# Unauthenticated reads are refused, and the limiter counts them in Redis.
headers=$(curl -s -D - -o /dev/null $front/api/catalog/entities)
grep -q '^HTTP/1.1 401' <<<"$headers" || fail "an unauthenticated catalog read was not refused"
grep -qi "^x-ratelimit-limit: $smoke_limit" <<<"$headers" || fail "no rate-limit headers: the limiter is off"
redis-cli -u "$REDIS_URL" --scan --pattern 'rl:*' | grep -q . || fail "the rate limiter keeps nothing in Redis"
echo "smoke: rate limiting on, store in Redis"

# --- Security headers (H1, README Security > Headers): strict CSP, nosniff,
# HSTS for requests that arrived over TLS at the proxy, CORS only for the
# app's origin.
probe=$front/.backstage/health/v1/readiness
headers=$(curl -s -D - -o /dev/null -H 'X-Forwarded-Proto: https' "$probe")
csp=$(grep -i '^content-security-policy:' <<<"$headers" | tr -d '\r') || fail "no Content-Security-Policy header"
for directive in "default-src 'self'" "script-src 'self' 'unsafe-eval';" "connect-src 'self';" "object-src 'none'" "frame-ancestors 'self'" "base-uri 'self'"; do
  grep -qF "$directive" <<<"$csp" || fail "the CSP lacks $directive: $csp"
done
grep -qE "script-src[^;]*unsafe-inline|connect-src[^;]*(http:|https:)" <<<"$csp" && fail "the CSP is not strict: $csp"
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

# --- Two replicas (README, Two replicas): the events bus, scheduled work
# once, the webhook idempotent across replicas, a signal sent on one
# replica reaching a browser on the other, a session on either, and a
# replica SIGKILLed mid-burst (last: replica b stays dead).
export REPLICAS_FRONT=$front REPLICAS_STATS=http://127.0.0.1:$stats_port
export REPLICAS_A=http://127.0.0.1:$port_a REPLICAS_B=http://127.0.0.1:$port_b
export REPLICAS_METRICS_A=http://127.0.0.1:$metrics_a/metrics REPLICAS_METRICS_B=http://127.0.0.1:$metrics_b/metrics
export REPLICAS_PID_B=$pid_b REPLICAS_DB_PREFIX=$prefix REPLICAS_API_TOKEN=$api_token
node scripts/replicas-test.mjs events scheduled webhook || fail "the two-replica checks failed"
if [ -n "${VIGIL_SMOKE_SKIP_BROWSER:-}" ]; then
  echo "smoke: browser checks skipped (VIGIL_SMOKE_SKIP_BROWSER)"
else
  [ -f packages/app/dist/index.html ] || {
    echo "smoke: building the app for the browser checks"
    yarn workspace app build >.data/test-results/app-build.log 2>&1 || fail "the app did not build (.data/test-results/app-build.log)"
  }
  CHROMIUM_PATH=${CHROMIUM_PATH:-/usr/bin/chromium} PLAYWRIGHT_URL=$VIGIL_BASE_URL VIGIL_AUTH_ENVIRONMENT=production \
    VIGIL_OIDC_ISSUER=http://127.0.0.1:$oidc_port \
    yarn playwright test --config playwright.replicas.config.ts || fail "the two-replica browser checks failed"
fi
node scripts/replicas-test.mjs kill || fail "the kill check failed"
redis-cli -u "$REDIS_URL" --scan --pattern 'rl:*' | xargs -r redis-cli -u "$REDIS_URL" del >/dev/null
# --- end of two replicas

# --- Rate limits behind a reverse proxy (H4, README Security > Rate limits).
# A real HAProxy on 127.0.0.1 (option forwardfor) in front of the backend;
# backend.trustProxy names it, so clients 127.0.0.2 and 127.0.0.3 get their
# own buckets, and 127.0.0.1 is not exempt behind it. Last in this script:
# it uses up 127.0.0.1's bucket.
# The portal's HAProxy (ops/haproxy/portal.cfg, option forwardfor) is the
# proxy; the two replicas share the buckets through Redis.
proxy=$front
# The status line and headers of a request from a source address.
from() { curl -s -o /dev/null -D - --interface "$1" "${@:2}" || true; }
status() { head -1 | awk '{print $2}'; }
# The limit's worth of requests in one curl (keep-alive): every one 401.
# One "-o /dev/null URL" pair per request (curl's -o applies to one URL).
requests() { for _ in $(seq 1 "$1"); do printf -- '-o /dev/null %s ' "$2"; done; }
# shellcheck disable=SC2046 # the pairs are meant to split
codes=$(curl -s --interface 127.0.0.2 -w '%{http_code}\n' $(requests "$smoke_limit" "$proxy/api/catalog/entities") | sort | uniq -c | tr -s ' ')
[ "$codes" = " $smoke_limit 401" ] || fail "client A's $smoke_limit requests through the proxy answered$codes, not all 401"
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
# shellcheck disable=SC2046
code=$(curl -s -w '%{http_code}\n' $(requests $((smoke_limit + 5)) "$proxy/api/catalog/entities") | tail -1)
[ "$code" = 429 ] || fail "127.0.0.1 behind the proxy is exempt from the rate limit"
echo "smoke: 127.0.0.1 behind the proxy is limited too"
# --- end of rate limits behind a reverse proxy (H4)
