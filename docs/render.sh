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
