#!/usr/bin/env bash
# Builds the release app, runs it on the bundled sample reports (under Xvfb when there is
# no display), and captures screenshots/app.png (table), screenshots/detail.png (a finding
# selected, detail pane filled) and screenshots/dark.png (dark theme).
# OPEN=FILE opens that workspace instead of the samples (e.g. one written by
# `cargo run --example synthetic_workspace -- 500 20 /tmp/500.ron`), and PREFIX=many-
# names the pictures screenshots/many-app.png and so on. PLAN=1 shoots the action plan view
# (Ctrl+2) instead of the findings table; J then steps through its rows.
# Needs: xvfb, xdotool, imagemagick (scripts/setup.sh installs them).
set -euo pipefail
cd "$(dirname "$0")/.."

width=${WIDTH:-1600}
height=${HEIGHT:-1000}
out=screenshots
mkdir -p "$out"

# Other builds in the same target folder may replace target/release/inspection-tracker
# with a build without the window (--no-default-features): keep a private copy, and check
# that it has the window (--bench-ui only works in a build with it and the `bench` feature), relinking if it does not.
bin_copy=$(mktemp)
for attempt in 1 2 3; do
  cargo build --release --quiet --features bench
  cp target/release/inspection-tracker "$bin_copy"
  chmod +x "$bin_copy"
  if "$bin_copy" --bench-ui >/dev/null 2>&1; then break; fi
  [ "$attempt" = 3 ] && { echo "screenshot: could not get a release build with the window" >&2; exit 1; }
  touch src/main.rs # forces cargo to link the binary again, with the window
done
bin=$bin_copy

# ImageMagick's `import`; /usr/local/bin may hold unrelated stand-ins, so prefer /usr/bin.
import_bin=/usr/bin/import
[ -x "$import_bin" ] || import_bin=$(command -v import)

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -n "${scratch:-}" ] && rm -rf "$scratch"
  rm -f "$bin_copy"
}
trap cleanup EXIT

if [ -z "${DISPLAY:-}" ]; then
  Xvfb :99 -screen 0 "${width}x${height}x24" -nolisten tcp >/dev/null 2>&1 &
  pids+=($!)
  export DISPLAY=:99
  for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
fi

# A fresh, private home for eframe's storage and the data folder, so earlier runs
# (recent workspaces, recovery files) do not change the picture.
scratch=$(mktemp -d)
export XDG_CONFIG_HOME=$scratch/config XDG_DATA_HOME=$scratch/data XDG_CACHE_HOME=$scratch/cache
export XDG_RUNTIME_DIR=$scratch/runtime
mkdir -p -m 700 "$XDG_RUNTIME_DIR"
unset WAYLAND_DISPLAY

if [ -n "${OPEN:-}" ]; then
  "$bin" "$OPEN" >"$scratch/app.log" 2>&1 &
else
  "$bin" assets/samples/*.pdf assets/samples/*.txt >"$scratch/app.log" 2>&1 &
fi
pids+=($!)

window=""
for _ in $(seq 100); do
  window=$(xdotool search --name "inspection-tracker" 2>/dev/null | head -n1 || true)
  [ -n "$window" ] && break
  sleep 0.2
done
if [ -z "$window" ]; then
  echo "screenshot: the window did not appear; log:" >&2
  cat "$scratch/app.log" >&2
  exit 1
fi
# No window manager under Xvfb: place and size the window ourselves.
xdotool windowmove "$window" 0 0 windowsize "$window" "$width" "$height" || true
sleep "${WAIT:-6}" # import of the four samples, then a few frames

# Light theme, through the command palette (Xvfb reports no system theme, so egui picks dark).
xdotool windowfocus --sync "$window" 2>/dev/null || true
xdotool mousemove $((width / 2)) $((height / 2))
xdotool key ctrl+k
sleep 0.5
xdotool type --delay 60 "light theme"
xdotool key Return
if [ -n "${PLAN:-}" ]; then
  sleep 1 # the palette closes first
  xdotool key ctrl+2
fi
# Keep the pointer off the table so no tooltip covers it.
xdotool mousemove 5 $((height - 5))
sleep 1.5
"$import_bin" -window root "$out/${PREFIX:-}app.png"

# Select a finding with the keyboard (J moves down the table) to fill the detail pane.
xdotool key --delay 150 j j j
sleep 1.5
"$import_bin" -window root "$out/${PREFIX:-}detail.png"

# The dark theme, through the command palette.
xdotool key ctrl+k
sleep 0.5
xdotool type --delay 60 "dark theme"
xdotool key Return
sleep 1.5
"$import_bin" -window root "$out/${PREFIX:-}dark.png"

for f in app detail dark; do
  f="${PREFIX:-}$f"
  echo "screenshot: $out/$f.png ($(/usr/bin/identify -format '%wx%h, %k colours' "$out/$f.png" 2>/dev/null || echo written))"
done
