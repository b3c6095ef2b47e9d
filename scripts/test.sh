#!/usr/bin/env bash
# Every check Vigil has, in order; called by `./vigil test` with the pinned
# toolchain on PATH. Stops at the first failing step and says which.
set -euo pipefail
cd "$(dirname "$0")/.."

results=.data/test-results
mkdir -p "$results"
rm -f "$results"/jest.json "$results"/e2e.json "$results"/scripts.tap
started=$SECONDS

step() {
  local name=$1
  shift
  local t0=$SECONDS
  echo
  echo "== $name"
  if ! "$@"; then
    echo "vigil test: FAILED at '$name' (after $((SECONDS - started))s)" >&2
    exit 1
  fi
  echo "-- $name: ok ($((SECONDS - t0))s)"
}

need() {
  command -v "$1" >/dev/null 2>&1 || {
    echo "vigil test: '$1' is not installed; install it with 'apt-get install $2' (.ci/run does this)" >&2
    return 1
  }
}

tracked_files() {
  git ls-files -co --exclude-standard -z
}

secret_scan() {
  tracked_files | xargs -0 yarn secretlint --maskSecrets
}

lockfile_lint() {
  yarn lockfile-lint --path yarn.lock --type yarn \
    --allowed-hosts npm yarn \
    --allowed-schemes "npm:" "workspace:" "patch:" "link:" "https:" \
    --validate-package-names --validate-integrity
}

ops_checks() {
  need promtool prometheus && need amtool prometheus-alertmanager &&
    promtool check config ops/prometheus/prometheus.yml &&
    promtool test rules ops/prometheus/tests/*.test.yml &&
    amtool check-config ops/alertmanager/alertmanager.yml &&
    need haproxy haproxy && haproxy -c -q -f ops/haproxy/haproxy.cfg &&
    haproxy -c -q -f ops/haproxy/portal.cfg &&
    slo_rules_check &&
    need rsyslogd "rsyslog rsyslog-pgsql" && rsyslog_check
}

rsyslog_check() {
  # The log shipper's config (ops/rsyslog/vigil.conf) as ./vigil start
  # renders it, checked by rsyslogd itself (modules imfile, mmjsonparse,
  # ompgsql loaded).
  local dir
  dir=$(mktemp -d)
  node -e 'require("./scripts/lib/rsyslog.cjs").writeRsyslogConfig({ root: ".", dataDir: process.argv[1] })' "$dir" &&
    rsyslogd -N1 -f "$dir/rsyslog/vigil.conf"
  local status=$?
  rm -rf "$dir"
  return $status
}

slo_rules_check() {
  # The SLO rules of the scoring API, of Vigil itself and of the sandbox's
  # synthetic services, as ./vigil start generates them for Prometheus.
  local rules spec status=0
  for spec in packages/scoring-api/slo.yaml packages/backend/slo.yaml sandbox/slo/*.yaml; do
    rules=$(mktemp --suffix=.yml)
    { yarn vigil-slo generate --input "$spec" --out "$rules" && promtool check rules "$rules"; } || status=1
    rm -f "$rules"
  done
  return $status
}

scripts_tests() {
  # The launcher's own logic (Debian packages, demo traffic) and the
  # benchmarks' pure parts (statistics, seed plans, measurement windows),
  # and the local OpenID Provider, on Node's runner.
  node --test --test-reporter=tap --test-reporter-destination="$results/scripts.tap" \
    --test-reporter=spec --test-reporter-destination=stdout 'scripts/tests/*.test.mjs' 'loadtest/*/*.test.mjs' \
    'packages/local-oidc/test/*.test.mjs'
}

type_check() {
  # A clean, non-incremental build: the API reports read its declarations
  # (dist-types/), and an incremental one can print the members of inferred
  # types in another order. One compile serves both steps.
  rm -rf dist-types && yarn tsc --incremental false
}

api_reports() {
  # The public API of the plugins and backend-kit must match their committed
  # report*.api.md; `yarn build:api-reports` rewrites the reports.
  yarn build:api-reports:only --ci
}

unit_and_backend_tests() {
  # TestDatabases runs the database tests on SQLite and on this PostgreSQL;
  # VIGIL_REQUIRE_POSTGRES makes a missing PostgreSQL a failure, not a skip.
  CI=true \
    VIGIL_REQUIRE_POSTGRES=1 \
    BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING=${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-postgresql://postgres@127.0.0.1:5432} \
    yarn backstage-cli repo test --json --outputFile="$PWD/$results/jest.json"
}

step "type check" type_check
step "lint (Backstage + eslint-plugin-security)" yarn backstage-cli repo lint --max-warnings 0
step "API reports (backstage-repo-tools)" api_reports
step "format (prettier --check)" yarn prettier --check --loglevel warn .
step "secret scan (secretlint)" secret_scan
step "lockfile (lockfile-lint)" lockfile_lint
step "licenses (production dependencies)" node scripts/license-check.mjs
step "Prometheus, Alertmanager, HAProxy and rsyslog config, rule unit tests" ops_checks
step "launcher and benchmark helpers (node --test)" scripts_tests
step "unit and backend tests (SQLite and PostgreSQL)" unit_and_backend_tests
step "end-to-end in headless Chromium" bash scripts/e2e.sh
# After the end-to-end step: its built app (packages/app/dist) is what the
# two replicas serve to the browser checks.
step "production config: two replicas on PostgreSQL and Redis behind HAProxy" bash scripts/smoke-production.sh

node -e '
const fs = require("fs");
const jest = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
const e2e = JSON.parse(fs.readFileSync(process.argv[2], "utf8")).stats;
const tap = fs.readFileSync(process.argv[4], "utf8");
const count = key => Number((tap.match(new RegExp(`^# ${key} (\\d+)$`, "m")) ?? [])[1] ?? 0);
const passed = jest.numPassedTests + e2e.expected + e2e.flaky + count("pass");
const failed = jest.numFailedTests + e2e.unexpected + count("fail");
const skipped = jest.numPendingTests + e2e.skipped + count("skipped");
console.log(`\nvigil test: all steps passed in ${process.argv[3]}s`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
' "$results/jest.json" "$results/e2e.json" "$((SECONDS - started))" "$results/scripts.tap"
