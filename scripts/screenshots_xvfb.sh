#!/usr/bin/env bash
# The real app on a real (virtual) screen with a window manager, driven with keys as a person would:
#   scripts/screenshots_xvfb.sh OUT_DIR [--scheme light|dark|system ...] [WIDTHxHEIGHT ...]
# For each colour scheme and screen size: Via opens the demo; at the desk the View menu and its Colour
# scheme submenu, a toolbar tooltip, the shortcut sheet (F1) and the Workshop details dialog are shown;
# then F11 (projector mode), the guide with F9, Next a few times, and a timer started; each state is a
# screenshot of the whole screen (import -window root). Then scripts/screenshots_guide.py walks every
# guide step in the real window, at the desk and in projector mode (OUT_DIR/guide-SIZE[-SCHEME]/). --scheme writes the choice into the run's own
# settings (View > Colour scheme, as a user would have left it) and names the files SIZE-SCHEME-...;
# without it Via follows the (virtual) system, which reports no scheme: light.
# Needs: apt-get install -y xvfb openbox xdotool imagemagick, and `pip install -e .` in .venv.
set -euo pipefail
out=${1:?usage: screenshots_xvfb.sh OUT_DIR [--scheme light|dark|system ...] [WIDTHxHEIGHT ...]}
shift || true
sizes=()
schemes=()
while [ $# -gt 0 ]; do
  case "$1" in
    --scheme) schemes+=("${2:?--scheme needs light, dark or system}"); shift 2 ;;
    --dark) schemes+=(dark); shift ;;
    *) sizes+=("$1"); shift ;;
  esac
done
[ ${#sizes[@]} -gt 0 ] || sizes=(1024x768 1920x1080)
[ ${#schemes[@]} -gt 0 ] || schemes=("")
repo=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/xvfb_screen.sh
. "$repo/scripts/xvfb_screen.sh"
mkdir -p "$out"
export VIA_DATA_DIR=$(mktemp -d)

for scheme in "${schemes[@]}"; do
for size in "${sizes[@]}"; do
  prefix="$size-${scheme:+$scheme-}"
  home=$(mktemp -d)
  if [ -n "$scheme" ]; then
    mkdir -p "$home/.config/Via"
    printf '[appearance]\ncolorScheme=%s\n' "$scheme" >"$home/.config/Via/Via.conf"
  fi
  start_screen "$size"
  QT_QPA_PLATFORM=xcb HOME=$home XDG_CONFIG_HOME=$home/.config "$repo/.venv/bin/via" "$repo/resources/examples/customer-loyalty.via" >/dev/null 2>&1 &
  app=$!
  wait_for_window
  shot "1-normal" 3
  key alt+v; shot "1a-view-menu" 1
  key c; shot "1b-colour-scheme-menu" 1
  key Escape Escape Escape; sleep 0.5
  xdotool mousemove $((X + 40)) $((Y + 45)); sleep 0.3; xdotool mousemove $((X + 42)) $((Y + 46))
  shot "1c-tooltip" 2
  xdotool mousemove $((X + WIDTH / 2)) $((Y + HEIGHT / 2))
  key F1; shot "1d-shortcuts-dialog" 1.5
  key Escape; sleep 0.5
  key alt+f; sleep 0.5; key d; shot "1e-details-dialog" 1.5
  key Escape; sleep 0.5
  key F11; shot "2-projector" 2.5
  key F9; shot "3-projector-guide"
  for step in 1 2 3 4 5; do key alt+Right; done
  shot "4-projector-guide-step6"
  key F9; shot "5-projector-board-after-steps"
  key Escape; shot "6-back-to-normal"
  key ctrl+q; sleep 1; key Tab; key Return  # "Discard" if asked to save
  sleep 1
  kill "$app" 2>/dev/null || true
  QT_QPA_PLATFORM=xcb HOME=$(mktemp -d) "$repo/.venv/bin/python" "$repo/scripts/screenshots_guide.py" "$out/guide-$size${scheme:+-$scheme}"
  stop_screen
done
done
