#!/usr/bin/env bash
# End-to-end: starts the platform with the start command itself, runs the
# Playwright tests in Debian's headless Chromium against it, then stops it.
set -euo pipefail
cd "$(dirname "$0")/.."

chromium=${CHROMIUM_PATH:-/usr/bin/chromium}
[ -x "$chromium" ] || {
  echo "vigil test: Chromium not found at $chromium; install it with 'apt-get install chromium' or set CHROMIUM_PATH" >&2
  exit 1
}

mkdir -p .data/test-results
log=.data/test-results/start.log
# A fresh Prometheus TSDB and Alertmanager state: the tests assert on alerts
# and their notifications, which must be this run's.
VIGIL_PROMETHEUS_DATA_DIR=$(mktemp -d)
VIGIL_ALERTMANAGER_DATA_DIR=$(mktemp -d)
# The demo SMTP server's mailbox: the on-call journey reads this run's pages.
VIGIL_MAIL_DIR=$(mktemp -d)
export VIGIL_PROMETHEUS_DATA_DIR VIGIL_ALERTMANAGER_DATA_DIR VIGIL_MAIL_DIR
# And fresh databases: incidents left open by earlier local runs would take
# this run's alerts (they correlate by SLO), and the catalog starts current.
sqlite_dir=$(mktemp -d)
export APP_CONFIG_backend_database_connection_directory=$sqlite_dir
# The onboarding journey adds a service from the template: into this run's
# own catalog folder, not the developer's .data/catalog.
catalog_dir=$(mktemp -d)
export APP_CONFIG_vigil_onboarding_catalogFolder=$catalog_dir
# The production build of the app, served by the backend (plugin-app-backend):
# pages load in about a second, against ~15 s from the webpack dev server.
# Truncated first: an earlier run's "everything is up" must not count.
: >"$log"
# With the sandbox: the onboarding journey injects faults into its synthetic
# services (the real services' journeys never see its entities or metrics).
node scripts/start.mjs --built-app --sandbox >"$log" 2>&1 &
start_pid=$!
stop() {
  if kill -0 "$start_pid" 2>/dev/null; then
    kill -TERM "$start_pid" 2>/dev/null || true
    wait "$start_pid" 2>/dev/null || true
  fi
  rm -rf "$VIGIL_PROMETHEUS_DATA_DIR" "$VIGIL_ALERTMANAGER_DATA_DIR" "$VIGIL_MAIL_DIR" "$sqlite_dir" "$catalog_dir"
}
trap stop EXIT

deadline=$((SECONDS + 600))
until grep -q 'everything is up' "$log"; do
  if ! kill -0 "$start_pid" 2>/dev/null || [ $SECONDS -gt $deadline ]; then
    echo "vigil test: the platform did not start; ./vigil start said:" >&2
    cat "$log" >&2
    exit 1
  fi
  sleep 2
done
cat "$log"

CHROMIUM_PATH=$chromium PLAYWRIGHT_URL=http://localhost:7007 yarn playwright test
