#!/usr/bin/env bash
# The guide's busiest step on a 2,000-goal workshop, on a real (virtual) screen with a window manager:
#   scripts/screenshots_guide_big.sh OUT_DIR [WIDTHxHEIGHT ...]   (default 1024x768)
# Runs scripts/screenshots_guide_big.py under Xvfb + openbox, one run per screen size (OUT_DIR/SIZE/).
# Needs: apt-get install -y xvfb openbox imagemagick, and `pip install -e .` in .venv.
set -euo pipefail
out=${1:?usage: screenshots_guide_big.sh OUT_DIR [WIDTHxHEIGHT ...]}
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1024x768)
repo=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/xvfb_screen.sh
. "$repo/scripts/xvfb_screen.sh"
export VIA_DATA_DIR=$(mktemp -d)
for size in "${sizes[@]}"; do
  start_screen "$size"
  QT_QPA_PLATFORM=xcb HOME=$(mktemp -d) "$repo/.venv/bin/python" "$repo/scripts/screenshots_guide_big.py" "$out/$size"
  stop_screen
done
