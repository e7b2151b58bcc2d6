#!/usr/bin/env bash
# Opening the room in the real app, as the facilitator does it (Ctrl+Shift+R), on a real (virtual) screen:
#   scripts/screenshots_room_open.sh OUT_DIR [WIDTHxHEIGHT ...]
# Shots: right after the key (the window paints on while the server starts; the status bar may show
# "Opening the room…" for those 0.2-0.7 s),
# the room open (join strip with its address and code), in projector mode (F11), then closed again.
# Needs: apt-get install -y xvfb openbox xdotool imagemagick, a network address phones could reach
# (the room refuses loopback), and `pip install -e .` in .venv.
set -euo pipefail
out=${1:?usage: screenshots_room_open.sh OUT_DIR [WIDTHxHEIGHT ...]}
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1024x768 1920x1080)
repo=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/xvfb_screen.sh
. "$repo/scripts/xvfb_screen.sh"
mkdir -p "$out"
export VIA_DATA_DIR=$(mktemp -d)

for size in "${sizes[@]}"; do
  prefix="$size-room-"
  home=$(mktemp -d)
  start_screen "$size"
  QT_QPA_PLATFORM=xcb HOME=$home XDG_CONFIG_HOME=$home/.config "$repo/.venv/bin/via" "$repo/resources/examples/customer-loyalty.via" >/dev/null 2>&1 &
  app=$!
  wait_for_window
  shot "0-desk" 3
  key ctrl+shift+r; shot "1-right-after-the-key" 0.05  # the window paints on; "Opening the room…" if caught
  shot "2-open" 2.5
  key F11; shot "3-open-projector" 2.5
  key ctrl+shift+r; shot "4-closed-projector" 1.5
  key Escape; sleep 0.5
  key ctrl+q; sleep 1; key Tab; key Return  # "Discard" if asked to save
  sleep 1
  kill "$app" 2>/dev/null || true
  stop_screen
done
