import { formatNumber } from './french.ts';
import { esc, t } from './html/escape.ts';
import { STYLE, syntheticPageStyle } from './html/style.ts';
import { svgMap } from './html/svgMap.ts';
import { shortDimensionLabel } from './model/whySentence.ts';
import { coverLines, legendLabels, mapAltText, SECTION, summaryIntro, TEXT } from './sections.ts';
import {
  dimensionPairs,
  essTable,
  hashLines,
  headlineFigures,
  indicatorsTable,
  inputsTable,
  keyFigureNotes,
  keyFiguresTable,
  rankingTable,
  type TextTable,
} from './tables.ts';
import type { ReportModel, TerritorySection } from './types.ts';

function table(tt: TextTable, caption?: string): string {
  const cls = (align: string) => (align === 'left' ? '' : ` class="${align}"`);
  const head = tt.columns.map((c) => `<th scope="col"${cls(c.align)}>${t(c.header)}</th>`).join('');
  const body = tt.rows
    .map((row, r) => {
      const cells = row.map((cell, i) => `<td${cls(tt.columns[i]!.align)}>${t(cell)}</td>`).join('');
      return `<tr${tt.emphasis?.[r] ? ' class="emphasis"' : ''}>${cells}</tr>`;
    })
    .join('');
  return `<table>${caption ? `<caption class="small muted">${t(caption)}</caption>` : ''}<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function pairs(rows: readonly { label: string; value: string }[], cls = 'pairs'): string {
  return `<dl class="${cls}">${rows.map((r) => `<dt>${t(r.label)}</dt><dd>${t(r.value)}</dd>`).join('')}</dl>`;
}

function list(items: readonly string[], cls = ''): string {
  return `<ul${cls ? ` class="${cls}"` : ''}>${items.map((i) => `<li>${t(i)}</li>`).join('')}</ul>`;
}

function cover(model: ReportModel): string {
  return `<section class="cover">
<p class="kicker">${t(SECTION.cover)}</p>
<h1>${t(model.title)}</h1>
<p class="subject">${t(model.subject)}</p>
${pairs(coverLines(model))}
${model.synthetic ? `<p class="warning-box">${t(TEXT.syntheticCover)}</p>` : ''}
</section>`;
}

function summary(model: ReportModel): string {
  const items = model.summary.items
    .map(
      (i) =>
        `<li><span class="badge" aria-hidden="true">${i.position}</span><h3>${t(i.name)}</h3><p>${t(i.why)}</p></li>`,
    )
    .join('');
  return `<section class="page" id="synthese">
<h2>${t(SECTION.summary)}</h2>
<p>${t(summaryIntro(model.summary.items.length, model.vintage.scope, model.level.label))}</p>
<ol class="recommended">${items}</ol>
<div class="caveat-box${model.synthetic ? ' synthetic' : ''}"><h3>${t(SECTION.mainCaveat)}</h3><p><strong>${t(model.summary.mainCaveat)}</strong></p></div>
${model.summary.otherCaveats.length > 0 ? `<h3 class="muted">${t(SECTION.otherCaveats)}</h3>${list(model.summary.otherCaveats, 'small')}` : ''}
</section>`;
}

function mapSection(model: ReportModel): string {
  const swatches = [
    'background:#0f766e',
    'background:#dfe4ea',
    'border:1.5px solid #1f3a5f',
    'background:#eceff3;border:0.5px solid #c3cad4',
  ];
  const legend = legendLabels(model.level.label)
    .map((label, i) => `<li><span class="swatch" style="${swatches[i]}"></span>${t(label)}</li>`)
    .join('');
  const unmapped =
    model.map.unmapped.length > 0
      ? `<p class="small muted">${t(`Sans contour sur la carte : ${model.map.unmapped.join(', ')}.`)}</p>`
      : '';
  return `<section class="page" id="carte">
<h2>${t(SECTION.map)}</h2>
<figure>${svgMap(model, mapAltText(model))}<figcaption><ul class="legend">${legend}</ul></figcaption></figure>
${unmapped}
</section>
<section class="page" id="classement">
<h2>${t(SECTION.ranking)}</h2>
<p class="small muted">${t(TEXT.rankingIntro)}</p>
${table(rankingTable(model))}
<p class="small muted">${t(model.table.note)}</p>
${model.table.robustness ? '' : `<p class="small muted">${t(TEXT.robustnessMissing)}</p>`}
</section>`;
}

function bars(section: TerritorySection): string {
  return section.dimensions
    .map((d) => {
      const width = d.value === null ? 0 : Math.max(0, Math.min(100, d.value));
      const median =
        d.median === null ? '' : `<span class="median" style="left:${d.median.toFixed(1)}%"></span>`;
      const label = shortDimensionLabel(d.label);
      return `<div class="bar"><span class="value">${esc(formatNumber(d.value, 1))}</span>${t(label)}<div class="track"><span class="fill ${d.pillar}" style="width:${width.toFixed(1)}%"></span>${median}</div></div>`;
    })
    .join('');
}

function territory(model: ReportModel, s: TerritorySection): string {
  const headline = headlineFigures(s, model.table.topK)
    .map((f) => `<div><span class="label">${t(f.label)}</span><span class="value">${t(f.value)}</span></div>`)
    .join('');
  const args = (items: TerritorySection['strengths']) =>
    items.length === 0
      ? `<p class="small muted">${t(TEXT.noArgument)}</p>`
      : `<ul>${items.map((a) => `<li><strong>${t(a.label)}</strong>${t(a.comparison)}</li>`).join('')}</ul>`;
  const notes = keyFigureNotes(s);
  return `<section class="page" id="territoire-${s.position}">
<h2>${s.position}. ${t(s.name)}</h2>
<p class="muted">${t(s.descriptor)}</p>
<div class="headline">${headline}</div>
<p>${t(s.why)}</p>
${s.members.length > 0 ? `<p>${t(`Territoires de la zone : ${s.members.join(', ')}.`)}</p>` : ''}
<div class="two-columns">
<div><h3>${t(SECTION.keyFigures)}</h3>${table(keyFiguresTable(s, model.vintage.scope))}${notes.length > 0 ? list(notes, 'small muted') : ''}</div>
<div><h3>${t(SECTION.dimensions)}</h3>${bars(s)}<p class="small muted">${t(TEXT.medianTick)}</p>${table(essTable(s))}${s.ess.synthetic ? '<p class="small" style="color:#b91c1c">Données ESS simulées (démonstration).</p>' : ''}</div>
</div>
<div class="arguments"><div><h3 class="for">${t(SECTION.for)}</h3>${args(s.strengths)}</div><div><h3 class="against">${t(SECTION.against)}</h3>${args(s.weaknesses)}</div></div>
<h3>${t(SECTION.note)}</h3>
${s.note ? `<p class="note">${t(s.note)}</p>` : `<p class="muted">${t(TEXT.noNote)}</p>`}
${s.caveats.length > 0 ? `<h3>${t(SECTION.caveats)}</h3>${list(s.caveats, 'small')}` : ''}
</section>`;
}

function annexes(model: ReportModel): string {
  return `<section class="page" id="annexe-methode">
<h2>${t(SECTION.method)}</h2>
${pairs(model.method.settings)}
<h3>${t(SECTION.dimensionsAnnex)}</h3>
${pairs(dimensionPairs(model))}
<h3>${t(SECTION.indicators)}</h3>
<p class="small muted">${t(TEXT.directions)}</p>
${table(indicatorsTable(model))}
<h3>${t(SECTION.robustness)}</h3>
${model.method.robustness ? pairs(model.method.robustness) : `<p class="muted">${t(TEXT.robustnessNotComputed)}</p>`}
</section>
<section class="page" id="annexe-provenance">
<h2>${t(SECTION.provenance)}</h2>
${pairs(model.provenance.vintage)}
${model.synthetic ? `<p class="small" style="color:#b91c1c">${t(`Couche ESS simulée : ${model.synthetic.description}`)}</p>` : ''}
<h3>${t(SECTION.sources)}</h3>
${table(inputsTable(model))}
<h3>${t(SECTION.hashes)}</h3>
${pairs(
  hashLines(model).map((h) => ({ label: h.what, value: h.hash })),
  'pairs hashes',
)}
</section>`;
}

/**
 * Renders the shortlist report as one self-contained, printable A4 HTML page: inline CSS with
 * `@page`, the map as inline SVG, no script, no external asset. Same sections, tables and
 * sentences as the PDF; when simulated data was used, a banner (on screen, and in each printed
 * page's top margin) and a diagonal watermark.
 */
export function renderReportHtml(model: ReportModel): string {
  const s = model.synthetic;
  return `<!doctype html>
<html lang="fr-FR">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t(model.title)}</title>
<meta name="author" content="${t(model.author)}">
<meta name="description" content="${t(model.subject)}">
<meta name="generator" content="@ptce/scripts (ptce report)">
<style>${STYLE}${s ? syntheticPageStyle(`⚠ ${s.banner}`) : ''}</style>
</head>
<body>
${s ? `<div class="synthetic-banner" role="note">⚠ ${t(s.banner)}</div><div class="watermark" aria-hidden="true">${t(s.watermark)}</div>` : ''}
<main>
${cover(model)}
${summary(model)}
${mapSection(model)}
${model.territories.map((section) => territory(model, section)).join('\n')}
${annexes(model)}
</main>
</body>
</html>
`;
}
