#!/bin/sh
# Render the test suite's fixture week as its readers see it: the Word briefing and the Excel ledger
# through LibreOffice, the HTML briefing through headless Chromium (without the browser's own header
# and footer), each to PDF and then to PNG pages (pdftoppm, 70 dpi).
#
#   docs/render.sh [OUTDIR]        default OUTDIR: /tmp/hedong-render
#
# Needs hedong installed in the active environment (pip install -e .), soffice, chromium, pdftoppm
# and a CJK font (fonts-noto-cjk). Not part of the test run. LO_PROFILE picks the LibreOffice
# profile directory, so that parallel runs do not share one.
set -eu
cd "$(dirname "$0")/.."
OUT=$(realpath -m "${1:-/tmp/hedong-render}")
LO_PROFILE=${LO_PROFILE:-/tmp/lo-hedong-render}
mkdir -p "$OUT"
rm -f "$OUT"/journal.sqlite* "$OUT"/*.png "$OUT"/*.pdf

python -c "from pathlib import Path; from tests.test_brief import record_fixture; record_fixture(Path('$OUT/journal.sqlite'))"
cat > "$OUT/config.yaml" <<'YAML'
issuer: 河东区人民政府督查室
printer: 河东区人民政府办公室
copy_to: [区委办公室, 区人大常委会办公室, 区政协办公室]
contact: 联系人：督查室　电话：（022）00000000
unit: 河东区人民政府督查室
YAML
export HEDONG_DB="$OUT/journal.sqlite" HEDONG_TODAY=2026-11-26 HEDONG_CONFIG="$OUT/config.yaml" HEDONG_LANG=zh

hedong brief --week 2026-W47 -f docx -o "$OUT/brief.docx"
hedong brief --week 2026-W47 -f html -o "$OUT/brief.html"
hedong export "$OUT/ledger.xlsx" --section 0 --section 2 --as-of 2026-11-22

soffice "-env:UserInstallation=file://$LO_PROFILE" --headless --convert-to pdf --outdir "$OUT" \
  "$OUT/brief.docx" "$OUT/ledger.xlsx" >/dev/null
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
  --print-to-pdf="$OUT/brief-html.pdf" "file://$OUT/brief.html" 2>/dev/null
for name in brief brief-html ledger; do
  pdftoppm -png -r 70 "$OUT/$name.pdf" "$OUT/$name"
done
ls "$OUT"/*.png
