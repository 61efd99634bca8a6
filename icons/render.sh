#!/usr/bin/env bash
# Renders Coffre's icon set from coffre.svg (needs rsvg-convert from librsvg2-bin, ImageMagick, python3).
# Every PNG is RGBA: tauri's generate_context! refuses other colour types.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for s in 16 24 32 48 64 128 256 512 1024; do
  rsvg-convert -w "$s" -h "$s" coffre.svg -o "$tmp/$s.png"
done
cp "$tmp/32.png" 32x32.png
cp "$tmp/128.png" 128x128.png
cp "$tmp/256.png" 128x128@2x.png
cp "$tmp/512.png" icon.png
/usr/bin/convert "$tmp"/{16,24,32,48,64,256}.png icon.ico
# ICNS is a list of (type, length, PNG) entries; ic07..ic10 hold 128..1024 px PNGs.
python3 - "$tmp" <<'PY'
import struct, sys
tmp = sys.argv[1]
entries = b""
for kind, size in ((b"ic07", 128), (b"ic08", 256), (b"ic09", 512), (b"ic10", 1024)):
    png = open(f"{tmp}/{size}.png", "rb").read()
    entries += kind + struct.pack(">I", 8 + len(png)) + png
open("icon.icns", "wb").write(b"icns" + struct.pack(">I", 8 + len(entries)) + entries)
PY
