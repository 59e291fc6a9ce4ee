#!/usr/bin/env bash
# Installs every Debian 12 package that building, the demo and the tests need.
# Idempotent: packages already installed are left alone (apt-get install would upgrade them),
# and nothing is done at all when everything is present. Runs as root or through sudo.
set -euo pipefail

packages=(
  # toolchain
  cmake ninja-build g++ ccache pkg-config clang clang-format
  # Qt 6 (libqt6opengl6-dev is needed or find_package(Qt6 Charts) fails)
  qt6-base-dev libqt6opengl6-dev qt6-charts-dev qt6-svg-dev libqt6sql6-sqlite
  qt6-qpa-plugins
  # Qt WebSockets: kubectl exec against the simulated cluster (Debian's name for libqt6websockets6-dev)
  qt6-websockets-dev
  # libraries
  qtkeychain-qt6-dev libsecret-1-0 libssh-dev libspdlog-dev libyaml-cpp-dev libmd4c-dev libmd4c-html0
  # real servers the tests and the demo start on 127.0.0.1
  prometheus prometheus-alertmanager openssh-server openssh-client postgresql libqt6sql6-psql
  gnome-keyring dbus dbus-daemon dbus-x11
  # the official Kubernetes Python client checks the simulator beside kubectl (Debian's python3)
  python3-kubernetes
  # display and screenshots
  xvfb x11-apps imagemagick fonts-dejavu-core poppler-utils
  # packaging tests
  dpkg-dev file openssl
)

# kubectl is not a Debian package (Debian's kubernetes-client is 1.20, far too old): it comes from the
# Kubernetes apt repository. Say so instead of letting the tests fail later without a word.
if ! command -v kubectl >/dev/null 2>&1; then
  echo "install-deps: kubectl is not on PATH. The demo's runbook commands and the tests use the real" >&2
  echo "install-deps: kubectl (v1.32): install the kubectl package from https://pkgs.k8s.io, or the tests" >&2
  echo "install-deps: tst_simkubectl and tst_demo_story will fail, saying what is missing." >&2
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
sudo=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "install-deps: run as root or install sudo" >&2; exit 1; }
  sudo=(sudo)
fi

# Package postinst scripts must not start prometheus, alertmanager or sshd as services.
policy=/usr/sbin/policy-rc.d
created_policy=0
if [[ ! -e $policy ]]; then
  printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee "$policy" >/dev/null
  "${sudo[@]}" chmod 0755 "$policy"
  created_policy=1
fi
cleanup() { [[ $created_policy -eq 1 ]] && "${sudo[@]}" rm -f "$policy" || true; }
trap cleanup EXIT

export DEBIAN_FRONTEND=noninteractive
# A fresh machine has no package lists yet; an update is cheap next to the install.
"${sudo[@]}" apt-get update -q >/dev/null
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done" >&2
