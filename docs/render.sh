#!/bin/sh
# Render every document as its readers see it, from the realistic fixture journal in tests/
# (tests/realistic_journal.py: the shipped catalogue, a dozen units, about half the tasks reported,
# plans with nodes and moved deadlines, long notes): Word and Excel through LibreOffice, HTML through
# headless Chromium, each to PDF and then to PNG pages at 70 dpi (tests/render_pages.py, which the
# page tests use too, with the Noto stand-ins for the office fonts).
#
#   docs/render.sh [OUTDIR]            default OUTDIR: /tmp/hedong-render
#   GALLERY=1 docs/render.sh           also copy the gallery's pages to docs/images/
#
# Documents: the weekly 通报 (docx, html, txt), the quarterly 通报 with --attach lagging (docx), the
# 台账 (xlsx), the 分工方案 (xlsx and docx). Needs hedong installed in the active environment
# (pip install -e ".[test]"), soffice, chromium, pdftoppm and fonts-noto-cjk.
set -eu
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT=$(realpath -m "${1:-/tmp/hedong-render}")
mkdir -p "$OUT"
rm -f "$OUT"/journal.sqlite* "$OUT"/*.png "$OUT"/*.pdf

python -c "from pathlib import Path; from tests.realistic_journal import record_realistic; record_realistic(Path('$OUT/journal.sqlite'))"
cat > "$OUT/config.yaml" <<'YAML'
issuer: 河东区人民政府督查室
printer: 河东区人民政府办公室
copy_to: [区委办公室, 区人大常委会办公室, 区政协办公室]
contact: 联系人：督查室　电话：（022）00000000
recipients: 各街道办事处，区政府各委、办、局，各有关单位：
unit: 河东区人民政府督查室
YAML
export HEDONG_DB="$OUT/journal.sqlite" HEDONG_TODAY=2026-11-26 HEDONG_CONFIG="$OUT/config.yaml" HEDONG_LANG=zh

hedong brief --week 2026-W48 -f docx -o "$OUT/brief-weekly.docx"
hedong brief --week 2026-W48 -f html -o "$OUT/brief-weekly-html.html"
hedong brief --week 2026-W48 -f txt -o "$OUT/brief-weekly.txt"
hedong brief --quarter 2026-Q3 --attach lagging -f docx -o "$OUT/brief-quarterly.docx"
hedong export "$OUT/ledger.xlsx" -q
hedong plan export "$OUT/plan-form.xlsx"
hedong plan export "$OUT/plan-doc.docx"

python -m tests.render_pages "$OUT" "$OUT/brief-weekly.docx" "$OUT/brief-weekly-html.html" \
  "$OUT/brief-quarterly.docx" "$OUT/ledger.xlsx" "$OUT/plan-form.xlsx" "$OUT/plan-doc.docx"

if [ "${GALLERY:-0}" = 1 ]; then
  page() {  # page NAME N: the Nth page of NAME (pdftoppm pads the numbers, so they sort)
    ls "$OUT/$1"-[0-9]*.png | sort | sed -n "$2p"
  }
  images="$ROOT/docs/images"
  for name in brief-weekly brief-weekly-html brief-quarterly; do
    cp "$(page "$name" 1)" "$images/$name-1.png"
  done
  cp "$(page brief-weekly 3)" "$images/brief-weekly-3.png"
  cp "$(page brief-weekly 4)" "$images/brief-weekly-4.png"
  cp "$(page ledger 1)" "$images/ledger-summary.png"
  cp "$(page ledger 3)" "$images/ledger-sheet.png"
  cp "$(page plan-form 1)" "$images/plan-form.png"
  cp "$(page plan-doc 1)" "$images/plan-doc.png"
  cp "$(ls "$OUT"/plan-doc-[0-9]*.png | sort | tail -n 1)" "$images/plan-doc-last.png"
fi
ls "$OUT"/*.png | wc -l
