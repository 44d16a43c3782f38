#!/bin/sh
# Render every document as its readers see it, from the realistic fixture journal in tests/
# (tests/realistic_journal.py: the shipped catalogue, about half the tasks reported, plans, a dozen
# units): Word and Excel through LibreOffice, HTML through headless Chromium (without the browser's
# own header and footer), each to PDF and then to PNG pages (pdftoppm, 70 dpi).
#
#   docs/render.sh [OUTDIR]            default OUTDIR: /tmp/hedong-render
#   GALLERY=1 docs/render.sh           also copy the first page of each document to docs/images/
#
# Needs hedong installed in the active environment (pip install -e .), soffice, chromium, pdftoppm
# and a CJK font (fonts-noto-cjk). Not part of the test run (tests/test_brief_genre.py renders its
# own). LO_PROFILE picks the LibreOffice profile directory, so that parallel runs do not share one.
# One function per document; add a document by adding its function to the list at the end.
set -eu
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT=$(realpath -m "${1:-/tmp/hedong-render}")
LO_PROFILE=${LO_PROFILE:-/tmp/lo-hedong-render}
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
# The documents name the fonts an office PC has (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312, 宋体,
# 等线). Without them, LibreOffice substitutes one sans face for all of them (the glyph forms still
# follow the files' zh-CN language and GB2312 charset, so they are Simplified Chinese). Tell
# fontconfig which Noto faces stand in for each, serif for 仿宋/宋体/楷体 and sans for 黑体/等线, so
# that the pages look as they will on an office PC. (pdffonts names every Noto CJK subset "jp":
# LibreOffice names subsets after the collection's first face, whichever face it draws from.)
cat > "$OUT/fonts.conf" <<'XML'
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
XML
for pair in "仿宋_GB2312:Noto Serif CJK SC" "仿宋:Noto Serif CJK SC" "FangSong:Noto Serif CJK SC" \
  "楷体_GB2312:Noto Serif CJK SC" "楷体:Noto Serif CJK SC" "KaiTi:Noto Serif CJK SC" \
  "方正小标宋简体:Noto Serif CJK SC" "宋体:Noto Serif CJK SC" "SimSun:Noto Serif CJK SC" \
  "黑体:Noto Sans CJK SC" "SimHei:Noto Sans CJK SC" "等线:Noto Sans CJK SC" "DengXian:Noto Sans CJK SC"; do
  printf '  <alias binding="same"><family>%s</family><prefer><family>%s</family></prefer></alias>\n' \
    "${pair%%:*}" "${pair#*:}" >> "$OUT/fonts.conf"
done
echo "</fontconfig>" >> "$OUT/fonts.conf"
export FONTCONFIG_FILE="$OUT/fonts.conf"

export HEDONG_DB="$OUT/journal.sqlite" HEDONG_TODAY=2026-11-26 HEDONG_CONFIG="$OUT/config.yaml" HEDONG_LANG=zh

office_pdf() {  # office_pdf NAME.docx|NAME.xlsx: LibreOffice to NAME.pdf
  soffice "-env:UserInstallation=file://$LO_PROFILE" --headless --convert-to pdf --outdir "$OUT" "$OUT/$1" >/dev/null
}

html_pdf() {  # html_pdf NAME: NAME.html to NAME.pdf through Chromium
  chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
    --print-to-pdf="$OUT/$1.pdf" "file://$OUT/$1.html" 2>/dev/null
}

pages() {  # pages NAME: NAME.pdf to NAME-N.png
  pdftoppm -png -r 70 "$OUT/$1.pdf" "$OUT/$1"
}

brief_weekly_docx() {
  hedong brief --week 2026-W48 -f docx -o "$OUT/brief-weekly.docx"
  office_pdf brief-weekly.docx && pages brief-weekly
}

brief_weekly_html() {
  hedong brief --week 2026-W48 -f html -o "$OUT/brief-weekly-html.html"
  html_pdf brief-weekly-html && pages brief-weekly-html
}

brief_quarterly_docx() {
  hedong brief --quarter 2026-Q3 --attach lagging -f docx -o "$OUT/brief-quarterly.docx"
  office_pdf brief-quarterly.docx && pages brief-quarterly
}

brief_txt() {
  hedong brief --week 2026-W48 -f txt -o "$OUT/brief-weekly.txt"
}

ledger_xlsx() {
  hedong export "$OUT/ledger.xlsx" --section 0 --section 2 --as-of 2026-11-22
  office_pdf ledger.xlsx && pages ledger
}

for document in brief_weekly_docx brief_weekly_html brief_quarterly_docx brief_txt ledger_xlsx; do
  "$document"
done

if [ "${GALLERY:-0}" = 1 ]; then  # the first page of each document, for docs/
  for name in brief-weekly brief-weekly-html brief-quarterly ledger; do
    first=$(ls "$OUT/$name"-*.png | sort | head -n 1)
    cp "$first" "$ROOT/docs/images/$name-1.png"
  done
  cp "$(ls "$OUT"/brief-weekly-*.png | grep -v html | sort | sed -n 3p)" "$ROOT/docs/images/brief-weekly-3.png"
  cp "$(ls "$OUT"/brief-weekly-*.png | grep -v html | sort | sed -n 4p)" "$ROOT/docs/images/brief-weekly-4.png"
fi
ls "$OUT"/*.png
