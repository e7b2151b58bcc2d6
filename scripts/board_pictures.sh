#!/usr/bin/env bash
# The bundled example's board as pictures, headless, through `via board`: PNG and SVG in the normal and
# the projector look, and each SVG drawn to PNG by another renderer (rsvg-convert, else headless
# chromium) to see it as a slide tool or a browser would. Look at every file before shipping a change.
# Usage: scripts/board_pictures.sh OUT_DIR [WIDTH]
set -euo pipefail
out="${1:?usage: scripts/board_pictures.sh OUT_DIR [WIDTH]}"
width="${2:-1920}"
root="$(cd "$(dirname "$0")/.." && pwd)"
python="${VIA_PYTHON:-$root/.venv/bin/python}"
[ -x "$python" ] || python="python3"
example="$root/resources/examples/customer-loyalty.via"
mkdir -p "$out"
via() { (cd "$root" && "$python" -c 'import sys; from ui.launcher import main; sys.exit(main())' "$@"); }
for look in normal projector; do
  for fmt in png svg; do
    via board "$example" -o "$out/board-$look.$fmt" --look "$look" --width "$width" --force
  done
  svg="$out/board-$look.svg"
  seen="$out/board-$look.svg.png"
  if command -v rsvg-convert >/dev/null; then
    rsvg-convert --width "$width" "$svg" -o "$seen"
  elif command -v chromium >/dev/null; then
    height="$("$python" -c 'import re,sys; s=open(sys.argv[1]).read(); w,h=(float(v) for v in re.search(r"viewBox=\"0 0 ([\d.]+) ([\d.]+)\"",s).groups()); print(round(int(sys.argv[2])*h/w))' "$svg" "$width")"
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size="$width,$height" \
      --screenshot="$seen" "file://$(cd "$(dirname "$svg")" && pwd)/$(basename "$svg")" 2>/dev/null
  else
    echo "neither rsvg-convert (librsvg2-bin) nor chromium: $svg not drawn to PNG" >&2
  fi
done
ls -1 "$out"/board-*
