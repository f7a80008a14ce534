/**
 * Print stylesheet of the HTML report: A4 pages with @page margins, a section per page where the
 * PDF has one, tables that do not cut rows, the synthetic-data banner and watermark fixed so that
 * the browser repeats them on every printed page. System sans-serif fonts (nothing fetched).
 */
export const STYLE = `
@page { size: A4; margin: 20mm 16mm 18mm 16mm; }
* { box-sizing: border-box; }
html { font-family: "DejaVu Sans", "Segoe UI", Arial, Helvetica, sans-serif; font-size: 10pt; color: #1f2937; }
body { margin: 0; }
main { max-width: 180mm; margin: 0 auto; padding: 12mm 0; }
h1, h2, h3 { color: #1f3a5f; margin: 0 0 0.5em; break-after: avoid; }
h1 { font-size: 24pt; }
h2 { font-size: 17pt; margin-top: 0.2em; }
h3 { font-size: 11pt; margin-top: 1em; }
p { margin: 0 0 0.6em; line-height: 1.4; }
section.page { break-before: page; padding-top: 4mm; }
.muted { color: #5b6472; }
.small { font-size: 8.5pt; }
.cover { padding-top: 40mm; border-top: 5px solid #0f766e; margin-top: 30mm; }
.cover .kicker { color: #5b6472; font-size: 11pt; }
.cover .subject { font-size: 13pt; margin-bottom: 3em; }
dl.pairs { display: grid; grid-template-columns: 45mm 1fr; gap: 0.35em 1em; margin: 0 0 1em; }
dl.pairs dt { font-weight: bold; color: #5b6472; }
dl.pairs dd { margin: 0; }
dl.hashes dd { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 8pt; word-break: break-all; }
.warning-box { border: 1.5px solid #b91c1c; background: #fde8e8; color: #b91c1c; font-weight: bold; padding: 0.8em 1em; margin: 2em 0; }
.caveat-box { border: 1px solid #b45309; background: #fdf3e6; padding: 0.6em 1em; margin: 1.2em 0; break-inside: avoid; }
.caveat-box.synthetic { border-color: #b91c1c; background: #fde8e8; }
.caveat-box h3 { margin: 0 0 0.3em; font-size: 9pt; color: #b45309; }
.caveat-box.synthetic h3 { color: #b91c1c; }
ol.recommended { list-style: none; padding: 0; }
ol.recommended li { margin: 0 0 1em; padding-left: 2.6em; position: relative; break-inside: avoid; }
ol.recommended .badge { position: absolute; left: 0; top: 0; width: 1.8em; height: 1.8em; border-radius: 50%; background: #0f766e; color: #fff; font-weight: bold; text-align: center; line-height: 1.8em; }
ol.recommended h3 { margin: 0 0 0.2em; font-size: 12pt; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; margin: 0.4em 0 0.8em; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th { background: #eef1f5; color: #1f3a5f; text-align: left; vertical-align: bottom; }
th, td { padding: 3px 5px; border-bottom: 0.5px solid #cbd2db; }
td.right, th.right { text-align: right; }
td.center, th.center { text-align: center; }
tr.emphasis td { background: #d7efe9; font-weight: bold; }
figure { margin: 0; }
svg.map { width: 100%; height: auto; border: 0.5px solid #cbd2db; }
svg.map .neighbour { fill: #eceff3; stroke: #c3cad4; stroke-width: 0.7; }
svg.map .area { fill: #dfe4ea; stroke: #fff; stroke-width: 0.8; }
svg.map .area.shortlisted { fill: #0f766e; }
svg.map .scope { fill: none; stroke: #1f3a5f; stroke-width: 1.8; }
svg.map .label-box { fill: #fff; fill-opacity: 0.88; }
svg.map .label { font-size: 11px; font-weight: bold; fill: #1f2937; }
svg.map .marker { fill: #fff; stroke: #0f766e; stroke-width: 1.8; }
svg.map .marker-number { font-size: 11px; font-weight: bold; fill: #0f766e; }
svg.map .scale { font-size: 10px; fill: #1f2937; }
ul.legend { list-style: none; padding: 0; font-size: 8.5pt; }
ul.legend li { margin: 0.2em 0; }
ul.legend .swatch { display: inline-block; width: 14px; height: 9px; margin-right: 6px; vertical-align: middle; }
.headline { display: grid; grid-template-columns: 1.2fr 1fr 1fr 1fr 2.4fr; gap: 6px; margin: 0.6em 0 1em; }
.headline div { background: #eef1f5; border-radius: 3px; padding: 4px 7px; }
.headline .label { display: block; color: #5b6472; font-size: 7.5pt; }
.headline .value { display: block; color: #1f3a5f; font-weight: bold; font-size: 13pt; }
.two-columns { display: grid; grid-template-columns: 3fr 2fr; gap: 16px; }
.arguments { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; break-inside: avoid; }
.arguments h3.for { color: #0f766e; }
.arguments h3.against { color: #b45309; }
.arguments ul { padding-left: 0; list-style: none; font-size: 8.5pt; }
.arguments li { margin-bottom: 0.4em; }
.arguments li strong { display: block; }
.bar { margin: 0 0 8px; font-size: 8pt; }
.bar .track { position: relative; height: 7px; background: #e5e9ef; margin-top: 2px; }
.bar .fill { position: absolute; left: 0; top: 0; bottom: 0; }
.bar .fill.need { background: #b45309; }
.bar .fill.potential { background: #0f766e; }
.bar .median { position: absolute; top: -2px; bottom: -2px; width: 1.5px; background: #1f2937; }
.bar .value { float: right; font-weight: bold; }
.note { border-left: 3px solid #cbd2db; padding-left: 0.8em; white-space: pre-line; }
.synthetic-banner { position: fixed; top: 0; left: 0; right: 0; background: #fde8e8; color: #b91c1c; border-bottom: 1.5px solid #b91c1c; font-weight: bold; text-align: center; padding: 5px; font-size: 9.5pt; z-index: 2; }
.watermark { position: fixed; top: 50%; left: 50%; transform: translate(-50%, -50%) rotate(-55deg); font-size: 44pt; font-weight: bold; color: #b91c1c; opacity: 0.09; white-space: nowrap; pointer-events: none; z-index: 1; }
@media print { main { padding: 0; max-width: none; } .synthetic-banner { display: none; } }
`;

/** Print-only: the banner in the top margin box of every page (CSS Paged Media, Chromium 131+, WeasyPrint). */
export function syntheticPageStyle(banner: string): string {
  return `@page { @top-center { content: "${banner.replace(/["\\]/g, '')}"; color: #b91c1c; font-weight: bold; font-size: 9pt; } }`;
}
