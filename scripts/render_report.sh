#!/usr/bin/env bash
# Build the demo workshop's PDF report headless and render every page to PNG for a visual check.
# Usage: scripts/render_report.sh OUT_DIR [a4|letter]
set -euo pipefail
out="${1:?usage: scripts/render_report.sh OUT_DIR [a4|letter]}"
paper="${2:-a4}"
root="$(cd "$(dirname "$0")/.." && pwd)"
python="${VIA_PYTHON:-$root/.venv/bin/python}"
[ -x "$python" ] || python="python3"
command -v pdftoppm >/dev/null || { echo "pdftoppm is missing (install poppler-utils)" >&2; exit 1; }
mkdir -p "$out"
pdf="$out/demo-report.pdf"
(cd "$root" && "$python" -c '
import sys
from workshop.examples import customer_loyalty
from workshop.report import export_pdf
print(export_pdf(customer_loyalty(), sys.argv[1], paper=sys.argv[2]))
' "$pdf" "$paper")
rm -f "$out"/page-*.png
pdftoppm -png -r 60 "$pdf" "$out/page"
ls -1 "$out"/page-*.png
