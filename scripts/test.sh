#!/usr/bin/env bash
# `npm test`: every check and test, from a clean clone. Installs the system packages the tests
# need (Debian/Ubuntu as root, as on CI), then type-checks, lints and builds, then runs vitest and
# playwright inside one D-Bus session with an unlocked GNOME Keyring, and alongside them the
# Microsoft 365 rehearsal in a network namespace of its own (as root; `--rehearsal` runs it
# alone), and ends with the line "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

# Add any system package a test needs here.
SYSTEM_PACKAGES="gnome-keyring dbus dbus-x11 libsecret-1-0 libsecret-tools libglib2.0-bin chromium xvfb dovecot-imapd libxml2-utils postfix dovecot-core squid mitmproxy iproute2 python3-exchangelib"
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

# The Microsoft 365 rehearsal (vitest.rehearsal.config.ts, playwright.rehearsal.config.ts): the
# app against the demo tenant under Microsoft's names, reached only through proxies, inside a
# network namespace with loopback alone so nothing direct works and no real name resolves.
# It gets its own keyring session inside the namespace (D-Bus' abstract socket lives there).
run_rehearsal_in_session() {
  local status=0
  log "Microsoft 365 rehearsal: unit and integration tests (vitest)"
  npx vitest run --config vitest.rehearsal.config.ts --reporter=default --reporter=json \
    --outputFile.json="$REPORTS/rehearsal-vitest.json" || status=1

  log "Microsoft 365 rehearsal: end-to-end tests (playwright)"
  local display=()
  # Display numbers from 200: the other phase's xvfb-run, alongside, picks from 99 (the lock
  # files in /tmp are shared across network namespaces).
  [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null && display=(xvfb-run -a -n 200)
  PLAYWRIGHT_JSON_OUTPUT_NAME="$REPORTS/rehearsal-playwright.json" "${display[@]}" \
    npx playwright test --config playwright.rehearsal.config.ts --reporter=list,json \
    --pass-with-no-tests || status=1
  return "$status"
}

# Why the rehearsal cannot run here, or nothing when it can.
rehearsal_blocker() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "it needs root (a network namespace, squid's own user, ports 443 and 587)"
  elif ! command -v unshare >/dev/null || ! command -v ip >/dev/null; then
    echo "unshare (util-linux) or ip (iproute2) is missing"
  elif ! unshare -n true 2>/dev/null; then
    echo "this machine does not allow a new network namespace (unshare -n failed)"
  fi
}

# Leaves $REPORTS/rehearsal.ran when it ran, so the summary counts its reports (a missing one
# is a failure there). Locally a machine that cannot run it is told why; on CI that fails the run.
run_rehearsal() {
  local blocker
  blocker=$(rehearsal_blocker)
  if [ -n "$blocker" ]; then
    echo "The Microsoft 365 rehearsal cannot run: $blocker." >&2
    # Marked as run, so its missing reports count as failures in the summary line too.
    [ "${CI:-}" = true ] && touch "$REPORTS/rehearsal.ran" && return 1
    echo "(Skipped locally; CI runs it as root.)" >&2
    return 0
  fi
  touch "$REPORTS/rehearsal.ran"
  unshare -n bash -c 'ip link set lo up &&
    exec bash scripts/with-private-keyring.sh bash scripts/test.sh --rehearsal-in-session'
}

summary() {
  local reports=(--vitest "$REPORTS/vitest.json")
  [ -f playwright.config.ts ] && reports+=(--playwright "$REPORTS/playwright.json")
  [ -f "$REPORTS/rehearsal.ran" ] &&
    reports+=(--vitest "$REPORTS/rehearsal-vitest.json" --playwright "$REPORTS/rehearsal-playwright.json")
  npx tsx scripts/test-summary.ts "${reports[@]}"
}

rehearsal_summary() {
  [ -f "$REPORTS/rehearsal.ran" ] || return 0
  npx tsx scripts/test-summary.ts --vitest "$REPORTS/rehearsal-vitest.json" \
    --playwright "$REPORTS/rehearsal-playwright.json"
}

main() {
  ensure_system_packages
  [ -d node_modules ] || { log "Installing npm packages" && npm ci --no-audit --no-fund; }

  log "Type check" && npx tsc -p .
  log "Lint" && npm run lint
  log "Build" && npm run build

  rm -rf "$REPORTS" && mkdir -p "$REPORTS"
  local status=0
  # The rehearsal has a network, ports and keyring of its own, so it runs alongside the other
  # phases; its output waits in a file so the two logs do not interleave.
  run_rehearsal >"$REPORTS/rehearsal.log" 2>&1 &
  local rehearsal=$!
  bash scripts/with-private-keyring.sh bash scripts/test.sh --in-session || status=1
  wait "$rehearsal" || status=1
  log "Microsoft 365 rehearsal (ran alongside the tests above)"
  cat "$REPORTS/rehearsal.log"
  echo
  summary || status=1
  return "$status"
}

# `scripts/test.sh --rehearsal`: the rehearsal alone, after the same packages and build.
rehearsal_only() {
  ensure_system_packages
  [ -d node_modules ] || { log "Installing npm packages" && npm ci --no-audit --no-fund; }
  log "Build" && npm run build
  mkdir -p "$REPORTS" && rm -f "$REPORTS"/rehearsal*
  local status=0
  run_rehearsal || status=1
  echo
  rehearsal_summary || status=1
  return "$status"
}

case "${1:-}" in
  --in-session) run_tests_in_session ;;
  --rehearsal-in-session) run_rehearsal_in_session ;;
  --rehearsal) rehearsal_only ;;
  *) main ;;
esac
