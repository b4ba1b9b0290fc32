#!/usr/bin/env bash
# Installs what inspection-tracker needs on a fresh Debian/Ubuntu machine:
# - the libraries the desktop window loads at run time (X11/Wayland, Mesa OpenGL),
# - zenity, which the native file dialog falls back to where no desktop portal runs,
# - Xvfb and ImageMagick for scripts/screenshot.sh on a machine without a display,
# - poppler-utils (pdftotext), used only as a speed reference by the benchmarks,
# - python3-docx, the independent reader the export tests read the Word board paper back with.
# The Rust toolchain itself comes from rustup (https://rustup.rs) and is only checked here.
set -euo pipefail

packages=(
  libx11-6 libx11-xcb1 libxcursor1 libxi6 libxrandr2 libxkbcommon0 libxkbcommon-x11-0 libxcb1
  libwayland-client0 libwayland-cursor0 libwayland-egl1
  libgl1 libglx-mesa0 libgl1-mesa-dri libegl1 libegl-mesa0
  zenity xvfb x11-utils xdotool imagemagick poppler-utils ca-certificates python3 python3-docx
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  echo "setup: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "setup: system packages already installed"
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "setup: cargo not found; install Rust 1.95 or newer from https://rustup.rs, then run this again" >&2
  exit 1
fi
echo "setup: done"
