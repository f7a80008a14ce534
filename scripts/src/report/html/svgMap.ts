import { mapLayout } from '../mapLayout.ts';
import type { ReportModel } from '../types.ts';
import { esc, t } from './escape.ts';

const WIDTH = 700;
const LABEL_SIZE = 11;
const MARKER_RADIUS = 10;

const r1 = (v: number) => Math.round(v * 10) / 10;

function pathData(rings: [number, number][][]): string {
  return rings.map((ring) => `M${ring.map(([x, y]) => `${r1(x)} ${r1(y)}`).join('L')}Z`).join('');
}

/**
 * The département map as inline SVG (same layout as the PDF's): context départements, the
 * level's territories with the shortlisted ones filled, the scope's outline, numbered markers and
 * names, a 10 km scale bar and a north arrow. Label widths are estimated (0.62 em per character,
 * bold) since the browser's font is not known here.
 */
export function svgMap(model: ReportModel, alt: string): string {
  const [west, south, east, north] = model.map.bounds;
  const aspect = ((east - west) * Math.cos((((south + north) / 2) * Math.PI) / 180)) / (north - south || 1);
  const height = Math.round(
    Math.min(800, Math.max(380, WIDTH / (Number.isFinite(aspect) && aspect > 0 ? aspect : 1))),
  );
  const layout = mapLayout(model.map, {
    width: WIDTH,
    height,
    padding: 14,
    measure: (text) => text.length * LABEL_SIZE * 0.62 + 8,
    labelHeight: LABEL_SIZE + 7,
    markerRadius: MARKER_RADIUS,
  });
  const parts: string[] = [];
  parts.push(`<rect width="${WIDTH}" height="${height}" fill="#f8fafc"/>`);
  for (const c of layout.context.filter((c) => !c.inScope)) {
    parts.push(`<path class="neighbour" d="${pathData(c.rings)}"/>`);
  }
  for (const a of layout.areas) {
    parts.push(
      `<path class="${a.position !== null ? 'area shortlisted' : 'area'}" fill-rule="evenodd" d="${pathData(a.rings)}"><title>${esc(a.name)}</title></path>`,
    );
  }
  for (const c of layout.context.filter((c) => c.inScope))
    parts.push(`<path class="scope" d="${pathData(c.rings)}"/>`);
  for (const l of layout.labels) {
    parts.push(
      `<rect class="label-box" x="${r1(l.labelX)}" y="${r1(l.labelY)}" width="${r1(l.width)}" height="${r1(l.height)}" rx="3"/>`,
      `<text class="label" x="${r1(l.labelX + 4)}" y="${r1(l.labelY + l.height - 5)}">${t(l.name)}</text>`,
      `<circle class="marker" cx="${r1(l.x)}" cy="${r1(l.y)}" r="${MARKER_RADIUS}"/>`,
      `<text class="marker-number" x="${r1(l.x)}" y="${r1(l.y + 4)}" text-anchor="middle">${l.position}</text>`,
    );
  }
  const sy = height - 18;
  parts.push(
    `<rect x="16" y="${sy}" width="${r1(layout.tenKm)}" height="4" fill="#1f2937"/>`,
    `<text class="scale" x="16" y="${sy - 5}">10 km</text>`,
    `<path d="M${WIDTH - 24} 14L${WIDTH - 17} 34L${WIDTH - 24} 30L${WIDTH - 31} 34Z" fill="#1f2937"/>`,
    `<text class="scale" x="${WIDTH - 24}" y="48" text-anchor="middle">N</text>`,
  );
  return `<svg class="map" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${t(alt)}" xmlns="http://www.w3.org/2000/svg"><clipPath id="map-clip"><rect width="${WIDTH}" height="${height}"/></clipPath><g clip-path="url(#map-clip)">${parts.join('')}</g></svg>`;
}
