#!/bin/sh
# Render the 台账 and the 分工方案 as they print, from the realistic journal of tests/print_render.py
# (the shipped catalogue, ten lead units, about half the tasks reported, plans with moved deadlines):
# xlsx and docx through LibreOffice to PDF, then PNG pages at 70 dpi (pdftoppm).
#
#   docs/render-ledger.sh [OUTDIR]        default OUTDIR: /tmp/hedong-print
#   docs/render-ledger.sh --gallery       also copy the first pages into docs/images/
#
# Needs hedong installed in the active environment (pip install -e ".[test]"), soffice, pdftoppm and
# fonts-noto-cjk. tests/test_print_layout.py checks the same PDFs.
set -eu
cd "$(dirname "$0")/.."
GALLERY=
if [ "${1:-}" = "--gallery" ]; then GALLERY=1; shift; fi
OUT=$(realpath -m "${1:-/tmp/hedong-print}")
mkdir -p "$OUT"
rm -f "$OUT"/journal.sqlite* "$OUT"/*.png "$OUT"/*.pdf
python - "$OUT" <<'PY'
import sys
from pathlib import Path

from tests.conftest import Hedong
from tests.print_render import record_realistic, to_pdfs, to_png

out = Path(sys.argv[1])
record_realistic(out / "journal.sqlite")
(out / "config.yaml").write_text("unit: 河东区人民政府督查室\n", encoding="utf-8")
hedong = Hedong(db=out / "journal.sqlite", extra_env={"HEDONG_CONFIG": str(out / "config.yaml")})
for args in (("export", "ledger.xlsx", "-q"), ("plan", "export", "plan-form.xlsx"), ("plan", "export", "plan-doc.docx")):
    result = hedong(*(str(out / a) if "." in a else a for a in args))
    assert result.exit_code == 0, result.stderr
for pdf in to_pdfs([out / name for name in ("ledger.xlsx", "plan-form.xlsx", "plan-doc.docx")], out):
    print(pdf, len(to_png(pdf, out / pdf.stem)), "pages")
PY
if [ -n "$GALLERY" ]; then
  # The summary page and the first task sheet of the ledger; the first page of each 分工方案.
  cp "$OUT/ledger-01.png" docs/images/ledger-summary.png
  cp "$OUT/ledger-03.png" docs/images/ledger-sheet.png
  cp "$OUT/plan-form-01.png" docs/images/plan-form.png
  cp "$OUT/plan-doc-01.png" docs/images/plan-doc.png
  LAST=$(ls "$OUT"/plan-doc-*.png | sort | tail -1)
  cp "$LAST" docs/images/plan-doc-last.png
fi
