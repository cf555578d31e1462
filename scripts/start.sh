#!/usr/bin/env bash
# Installs (once), builds, and starts ERP Mail Settings: the Electron app where Electron can run,
# otherwise the same app served to your browser by the browser host.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ]; then
  npm ci --no-audit --no-fund
fi

# The build is quiet unless it fails, so the host's URL line is easy to find.
mkdir -p .tmp
if ! npm run --silent build >.tmp/build.log 2>&1; then
  cat .tmp/build.log >&2
  echo "The build failed (log above, also in .tmp/build.log)." >&2
  exit 1
fi

# Secrets live in the OS keychain. A desktop session has one; a headless Linux machine (a server,
# a container) has no D-Bus session, so there the app gets a private GNOME Keyring for this run.
keychain=()
if [ "$(uname -s)" = Linux ] && [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ] &&
  [ ! -S "${XDG_RUNTIME_DIR:-/nonexistent}/bus" ] &&
  command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null; then
  echo "No keychain session (D-Bus) was found: using a private GNOME Keyring until the app stops; secrets saved in it end with it."
  keychain=(bash scripts/with-private-keyring.sh)
fi

if electron_or_reason="$(node_modules/.bin/tsx scripts/electron-binary.ts)"; then
  exec "${keychain[@]}" "$electron_or_reason" . "$@"
fi

echo "Electron is not available here (${electron_or_reason}): serving the same app in your browser instead."
exec "${keychain[@]}" node dist/host/standalone.js "$@"
