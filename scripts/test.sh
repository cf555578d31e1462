#!/usr/bin/env bash
# `npm test`: every check and test, from a clean clone. Installs the system packages the tests
# need (Debian/Ubuntu as root, as on CI), then type-checks, lints and builds, then runs vitest and
# playwright inside one D-Bus session with an unlocked GNOME Keyring, and ends with the line
# "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

# Add any system package a test needs here.
SYSTEM_PACKAGES="gnome-keyring dbus dbus-x11 libsecret-1-0 libsecret-tools libglib2.0-bin chromium xvfb dovecot-imapd libxml2-utils postfix dovecot-core"
REPORTS=.tmp/test-reports

log() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

missing_packages() {
  local package
  for package in $SYSTEM_PACKAGES; do
    dpkg-query -W -f='${Status}\n' "$package" 2>/dev/null | grep -q 'install ok installed' ||
      printf '%s ' "$package"
  done
}

ensure_system_packages() {
  if ! command -v apt-get >/dev/null || ! command -v dpkg-query >/dev/null; then
    echo "This script installs its system packages on Debian/Ubuntu only. Install the equivalents of:" >&2
    echo "  $SYSTEM_PACKAGES" >&2
    echo "(on Debian/Ubuntu: sudo apt-get install -y --no-install-recommends $SYSTEM_PACKAGES)" >&2
    exit 1
  fi
  local missing
  missing=$(missing_packages)
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing system packages: $missing" >&2
    echo "Install them with:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends $missing" >&2
    exit 1
  fi
  log "Installing system packages: $missing"
  # postfix asks how to configure the system's mail; the tests run their own private instance,
  # so the system one is left unconfigured (and so never started or relaying).
  command -v debconf-set-selections >/dev/null &&
    echo 'postfix postfix/main_mailer_type select No configuration' | debconf-set-selections
  apt-get update
  # shellcheck disable=SC2086 # one word per package
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing
}

# Runs inside a private keyring session: both runners run even if the first fails.
run_tests_in_session() {
  local status=0

  log "Unit and integration tests (vitest)"
  npx vitest run --reporter=default --reporter=json --outputFile.json="$REPORTS/vitest.json" || status=1

  if [ -f playwright.config.ts ]; then
    log "End-to-end tests (playwright)"
    # A virtual display lets the Electron project run headless wherever its binary exists.
    local display=()
    [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null && display=(xvfb-run -a)
    PLAYWRIGHT_JSON_OUTPUT_NAME="$REPORTS/playwright.json" "${display[@]}" npx playwright test --reporter=list,json || status=1
  fi
  return "$status"
}

summary() {
  local reports=(--vitest "$REPORTS/vitest.json")
  [ -f playwright.config.ts ] && reports+=(--playwright "$REPORTS/playwright.json")
  npx tsx scripts/test-summary.ts "${reports[@]}"
}

main() {
  ensure_system_packages
  [ -d node_modules ] || { log "Installing npm packages" && npm ci --no-audit --no-fund; }

  log "Type check" && npx tsc -p .
  log "Lint" && npm run lint
  log "Build" && npm run build

  rm -rf "$REPORTS" && mkdir -p "$REPORTS"
  local status=0
  bash scripts/with-private-keyring.sh bash scripts/test.sh --in-session || status=1
  echo
  summary || status=1
  return "$status"
}

if [ "${1:-}" = --in-session ]; then
  run_tests_in_session
else
  main
fi
