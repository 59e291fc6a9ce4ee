#!/bin/sh
# Runs a test binary against a real, unlocked gnome-keyring in a private D-Bus session and a throwaway
# HOME, then stops the keyring daemon it started. Usage: run_with_keyring.sh <test binary> [args...]
set -u
for p in dbus-run-session gnome-keyring-daemon; do
  command -v "$p" >/dev/null 2>&1 || { echo "run_with_keyring: $p not found (install gnome-keyring dbus-daemon libsecret-1-0)" >&2; exit 1; }
done
tmp=$(mktemp -d)
mkdir -m 0700 "$tmp/run"
export HOME="$tmp" XDG_RUNTIME_DIR="$tmp/run" XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" \
  XDG_CACHE_HOME="$tmp/cache" XDG_STATE_HOME="$tmp/state"
unset DISPLAY WAYLAND_DISPLAY
dbus-run-session -- sh -c '
  # In the foreground so its pid is known and it can be stopped; wait until it owns the Secret Service name.
  echo -n pw | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &
  daemon=$!
  i=0
  while [ $i -lt 100 ]; do
    dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q true && break
    sleep 0.05
    i=$((i + 1))
  done
  "$@"
  rc=$?
  kill $daemon 2>/dev/null
  wait $daemon 2>/dev/null
  exit $rc
' run_with_keyring "$@"
rc=$?
rm -rf "$tmp"
exit $rc
