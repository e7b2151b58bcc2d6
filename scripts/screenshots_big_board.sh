#!/usr/bin/env bash
# A big board on a real (virtual) screen, driven with keys as a facilitator would:
#   scripts/screenshots_big_board.sh OUT_DIR [GOALS ...] [WIDTHxHEIGHT ...]
# For each board size (default 500 and 2000 generated goals, laid out as one long strip) and screen
# size (default 1024x768 and 1920x1080): Via opens the board, Ctrl+L tidies it (folded into shelves when much wider than the
# screen), Ctrl+0 fits it; F11 switches to projector mode and Ctrl+0 fits again; Ctrl+Z undoes Tidy.
# Each state is a screenshot of the whole screen (import -window root). Look at them: at fit every
# card of 500 should be seen as a card, the whole board of 2,000 should be on the screen.
# Needs: apt-get install -y xvfb openbox xdotool imagemagick, and `pip install -e .` in .venv.
set -euo pipefail
out=${1:?usage: screenshots_big_board.sh OUT_DIR [GOALS ...] [WIDTHxHEIGHT ...]}
shift || true
goals=()
sizes=()
for arg in "$@"; do
  case "$arg" in
    *x*) sizes+=("$arg") ;;
    *) goals+=("$arg") ;;
  esac
done
[ ${#goals[@]} -gt 0 ] || goals=(500 2000)
[ ${#sizes[@]} -gt 0 ] || sizes=(1024x768 1920x1080)
repo=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/xvfb_screen.sh
. "$repo/scripts/xvfb_screen.sh"
mkdir -p "$out"
export VIA_DATA_DIR=$(mktemp -d)

for count in "${goals[@]}"; do
  board="$VIA_DATA_DIR/board-$count.via"
  # laid out as before the fold (one long strip), as a board from an earlier Via would be
  "$repo/.venv/bin/python" -c 'import sys
from workshop.layout import tidy
from workshop.model import Position
from workshop.storage import save
from workshop.synthetic import generate
ws = generate(int(sys.argv[1]))
ws.positions = {card: Position(x=x, y=y) for card, (x, y) in tidy(ws, fold=False).items()}
save(ws, sys.argv[2])' "$count" "$board"
  for size in "${sizes[@]}"; do
    prefix="big-$count-$size-"
    home=$(mktemp -d)
    start_screen "$size"
    QT_QPA_PLATFORM=xcb HOME=$home XDG_CONFIG_HOME=$home/.config "$repo/.venv/bin/via" "$board" >/dev/null 2>&1 &
    app=$!
    wait_for_window
    xdotool mousemove $((X + WIDTH / 2)) $((Y + HEIGHT / 2)) click 1  # the board has the keys
    shot "1-opened" 3
    key ctrl+l; shot "2-tidied" 4
    key ctrl+0; shot "3-fit" 2
    key F11; sleep 2; key ctrl+0; shot "4-projector-fit" 2
    key Escape; sleep 1; key ctrl+z; key ctrl+0; shot "5-undo-tidy" 3
    key ctrl+q; sleep 1; key Tab; key Return  # "Discard" if asked to save
    sleep 1
    kill "$app" 2>/dev/null || true
    stop_screen
  done
done
