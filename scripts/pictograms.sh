#!/usr/bin/env bash
# Regenerates the programme's category pictograms (api/internal/programme/pictograms/*.png)
# from Tabler Icons (MIT; the @iconify-json/tabler npm package) with rsvg-convert
# (Debian: apt-get install librsvg2-bin). The PNGs are committed and embedded in
# the binary, so this runs only when the set or a mapping changes (ADR 0100).
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=${TABLER_JSON_VERSION:-1.2.41}
out=api/internal/programme/pictograms
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v rsvg-convert >/dev/null || { echo "pictograms: rsvg-convert missing (apt-get install librsvg2-bin)" >&2; exit 1; }
(cd "$work" && npm pack --silent "@iconify-json/tabler@$VERSION" >/dev/null && tar xzf iconify-json-tabler-*.tgz)
# category -> Tabler icon
node - "$work/package/icons.json" "$work" <<'JS'
const fs = require('fs');
const [, , json, dir] = process.argv;
const set = JSON.parse(fs.readFileSync(json, 'utf8'));
const map = {
  music: 'music', theatre: 'masks-theater', dance: 'stretching-2', visual_arts: 'palette', crafts: 'needle-thread',
  literature: 'book', film: 'movie', intergenerational: 'friends', outdoor: 'trees', other: 'star',
};
for (const [cat, name] of Object.entries(map)) {
  const icon = set.icons[name];
  if (!icon) throw new Error(`no icon ${name}`);
  const w = icon.width ?? set.width ?? 24, h = icon.height ?? set.height ?? 24;
  const body = icon.body.replaceAll('currentColor', '#000000');
  fs.writeFileSync(`${dir}/${cat}.svg`, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}">${body}</svg>`);
}
JS
for svg in "$work"/*.svg; do
  rsvg-convert --width 192 --height 192 --background-color=white "$svg" -o "$out/$(basename "${svg%.svg}").png"
done
echo "pictograms: wrote $(ls "$out"/*.png | wc -l) PNGs into $out"
