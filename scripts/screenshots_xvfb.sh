#!/usr/bin/env bash
# The real app on a real (virtual) screen with a window manager, driven with keys as a person would:
#   scripts/screenshots_xvfb.sh OUT_DIR [WIDTHxHEIGHT ...]
# For each screen size: Via opens the demo, then F11 (projector mode), the guide with F9, Next a few
# times, and a timer started; each state is a screenshot of the whole screen (import -window root).
# Then scripts/screenshots_guide.py walks every guide step in the real window on the same screen, at
# the desk and in projector mode (OUT_DIR/guide-SIZE/), printing the board's share of the width.
# Needs: apt-get install -y xvfb openbox xdotool imagemagick, and `pip install -e .` in .venv.
set -euo pipefail
out=${1:?usage: screenshots_xvfb.sh OUT_DIR [WIDTHxHEIGHT ...]}
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1024x768 1920x1080)
repo=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"
export VIA_DATA_DIR=$(mktemp -d)

shot() { sleep "${2:-1.5}"; import -window root "$out/$1.png"; echo "$out/$1.png"; }
key() { xdotool key --clearmodifiers "$@"; }

for size in "${sizes[@]}"; do
  n=$((90 + RANDOM % 9))
  while [ -e "/tmp/.X$n-lock" ]; do n=$((n + 1)); done  # a screen another run left up: take the next
  display=:$n
  Xvfb "$display" -screen 0 "${size}x24" -nolisten tcp >/dev/null 2>&1 &
  xvfb=$!
  export DISPLAY=$display
  sleep 1
  openbox >/dev/null 2>&1 &
  wm=$!
  sleep 1
  QT_QPA_PLATFORM=xcb HOME=$(mktemp -d) "$repo/.venv/bin/via" "$repo/resources/examples/customer-loyalty.via" >/dev/null 2>&1 &
  app=$!
  for _ in $(seq 60); do xdotool search --name "Via" >/dev/null 2>&1 && break; sleep 0.5; done
  window=$(xdotool search --name "Via" | tail -1)
  xdotool windowactivate --sync "$window" >/dev/null 2>&1 || true
  shot "$size-1-normal" 3
  key F11; shot "$size-2-projector" 2.5
  key F9; shot "$size-3-projector-guide"
  for step in 1 2 3 4 5; do key alt+Right; done
  shot "$size-4-projector-guide-step6"
  key F9; shot "$size-5-projector-board-after-steps"
  key Escape; shot "$size-6-back-to-normal"
  key ctrl+q; sleep 1; key Tab; key Return  # "Discard" if asked to save
  sleep 1
  kill "$app" 2>/dev/null || true
  QT_QPA_PLATFORM=xcb HOME=$(mktemp -d) "$repo/.venv/bin/python" "$repo/scripts/screenshots_guide.py" "$out/guide-$size"
  kill "$wm" "$xvfb" 2>/dev/null || true
  wait 2>/dev/null || true
done
