#!/usr/bin/env bash
# with-private-keyring.sh COMMAND [ARGS...]
# Runs COMMAND in a new D-Bus session with its own GNOME Keyring, created unlocked in a fresh
# temporary folder under a random password and deleted afterwards. Used where no keychain
# session exists (tests, benchmarks, a headless `npm start`), so a person's own keyring is never
# touched and nothing is ever stored in plain text.
set -euo pipefail

if [ "${ERP_MAIL_PRIVATE_KEYRING:-}" != inside ]; then
  export ERP_MAIL_PRIVATE_KEYRING=inside
  exec dbus-run-session -- bash "$0" "$@"
fi

data=$(mktemp -d "${TMPDIR:-/tmp}/erp-mail-keyring.XXXXXX")
trap 'rm -rf "$data"' EXIT
# An empty password creates no login keyring, so a random one it is. It stays in the private folder
# (0600) so that tests which lock the keyring can unlock it again through the daemon's control
# socket, as a login does (test-support/keychain/secret-service.ts).
chmod 700 "$data"
(umask 077 && head -c 24 /dev/urandom | base64 >"$data/password")
export ERP_MAIL_PRIVATE_KEYRING_DATA="$data"
# The daemon prints where its control socket is (GNOME_KEYRING_CONTROL=...).
control=$(XDG_DATA_HOME="$data" gnome-keyring-daemon --unlock --components=secrets <"$data/password")
export "${control:-GNOME_KEYRING_CONTROL=}"

# The daemon answers before it has claimed the Secret Service's name on the bus. A call made in
# between makes D-Bus start a second daemon (its own, with no unlocked keyring), which then
# serves every call of the run: seen once on CI. So nothing goes on until the name is ours.
secrets_owned() {
  gdbus call --session --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
    --method org.freedesktop.DBus.NameHasOwner org.freedesktop.secrets 2>/dev/null | grep -q true
}
if command -v gdbus >/dev/null; then
  for _ in $(seq 1 100); do
    secrets_owned && break
    sleep 0.1
  done
fi

if command -v secret-tool >/dev/null; then
  probe=(service erp-mail-settings-probe account probe)
  if printf 'probe' | timeout 20 secret-tool store --label='keyring probe' "${probe[@]}" &&
    [ "$(timeout 20 secret-tool lookup "${probe[@]}")" = probe ]; then
    timeout 20 secret-tool clear "${probe[@]}"
  else
    echo "Warning: the private GNOME Keyring did not come up unlocked; secrets cannot be stored." >&2
  fi
fi

# Not exec: the trap must remove the keyring when COMMAND ends.
"$@"
