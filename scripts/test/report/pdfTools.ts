/**
 * Reading a PDF back as a reader would: poppler's pdftotext and pdftoppm (poppler-utils, installed
 * by .ci/run), and a small independent decoder of pdfkit's text (content streams through each
 * font's ToUnicode map) that keeps the narrow no-break spaces pdftotext turns into plain spaces.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';

function withFile<T>(pdf: Uint8Array, fn: (file: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'ptce-report-'));
  try {
    const file = join(dir, 'report.pdf');
    writeFileSync(file, pdf);
    return fn(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of every page, as pdftotext gives it (one string per page). */
export function pdfPages(pdf: Uint8Array): string[] {
  return withFile(pdf, (file) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }))
    .split('\f')
    .slice(0, -1);
}

/** pdfinfo's fields (Title, Author, Pages, Tagged, Page size...). */
export function pdfInfo(pdf: Uint8Array): Record<string, string> {
  const out = withFile(pdf, (file) => execFileSync('pdfinfo', [file], { encoding: 'utf8' }));
  return Object.fromEntries(
    out.split('\n').map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]),
  );
}

/** pdffonts' rows: name, type, embedded. */
export function pdfFonts(pdf: Uint8Array): { name: string; embedded: boolean }[] {
  const out = withFile(pdf, (file) => execFileSync('pdffonts', [file], { encoding: 'utf8' }));
  return out
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => {
      const cols = l.trim().split(/\s+/);
      return { name: cols[0]!, embedded: cols[cols.length - 5] === 'yes' };
    });
}

export interface PageImage {
  width: number;
  height: number;
  /** Standard deviation of the grey levels (0 for a uniform page). */
  stdDev: number;
  /** Share of pixels darker than light grey (ink). */
  ink: number;
}

/** Renders every page to greyscale (PGM, parsed here) and measures it. */
export function pageImages(pdf: Uint8Array, dpi = 30): PageImage[] {
  return withFile(pdf, (file, dir) => {
    execFileSync('pdftoppm', ['-gray', '-r', String(dpi), file, join(dir, 'page')]);
    return readdirSync(dir)
      .filter((f) => f.endsWith('.pgm'))
      .sort()
      .map((f) => {
        const bytes = readFileSync(join(dir, f));
        // P5 header: magic, width, height, maxval, each separated by whitespace, then raw bytes.
        const header = bytes
          .subarray(0, 64)
          .toString('latin1')
          .match(/^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/);
        if (!header) throw new Error(`${f}: not a binary PGM`);
        const [, w, h] = header.map(Number) as [number, number, number];
        const pixels = bytes.subarray(header[0].length);
        let sum = 0;
        let sq = 0;
        let ink = 0;
        for (const p of pixels) {
          sum += p;
          sq += p * p;
          if (p < 200) ink++;
        }
        const n = pixels.length;
        return { width: w, height: h, stdDev: Math.sqrt(sq / n - (sum / n) ** 2), ink: ink / n };
      });
  });
}

/**
 * The text pdfkit wrote, decoded without poppler: each font's ToUnicode CMap (bfrange arrays and
 * bfchar), then the hex strings of `Tj`/`TJ` in every content stream under the current `Tf` font.
 * Keeps U+202F. Good enough for pdfkit's output (Identity-H, two-byte codes); not a general parser.
 */
export function decodePdfText(pdf: Uint8Array): string {
  const raw = Buffer.from(pdf).toString('latin1');
  const objects = new Map<number, { dict: string; stream: string | null }>();
  for (const m of raw.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    const body = m[2]!;
    const s = body.indexOf('stream');
    let stream: string | null = null;
    if (s >= 0) {
      const start = body[s + 6] === '\r' ? s + 8 : s + 7;
      const data = Buffer.from(body.slice(start, body.lastIndexOf('endstream')), 'latin1');
      stream = (body.includes('/FlateDecode') ? inflateSync(data) : data).toString('latin1');
    }
    objects.set(Number(m[1]), { dict: s >= 0 ? body.slice(0, s) : body, stream });
  }
  // Font resource name -> ToUnicode map.
  const maps = new Map<string, Map<number, string>>();
  for (const m of raw.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
    const font = objects.get(Number(m[2]));
    const ref = font?.dict.match(/\/ToUnicode (\d+) 0 R/);
    const cmap = ref ? objects.get(Number(ref[1]))?.stream : undefined;
    if (!cmap || maps.has(m[1]!)) continue;
    const map = new Map<number, string>();
    // A ligature maps to several code points: `<0066 0069>` is « fi ».
    const hexText = (h: string) =>
      String.fromCodePoint(...(h.replace(/\s/g, '').match(/.{4}/g) ?? []).map((x) => Number.parseInt(x, 16)));
    for (const r of cmap.matchAll(/<([0-9a-f]{4})> <([0-9a-f]{4})> \[([^\]]*)\]/gi)) {
      const first = Number.parseInt(r[1]!, 16);
      let k = 0;
      for (const u of r[3]!.matchAll(/<([0-9a-f ]+)>/gi)) map.set(first + k++, hexText(u[1]!));
    }
    for (const r of cmap.matchAll(/<([0-9a-f]{4})> <([0-9a-f]+)>\s*$/gim))
      map.set(Number.parseInt(r[1]!, 16), hexText(r[2]!));
    maps.set(m[1]!, map);
  }
  let text = '';
  for (const { dict, stream } of objects.values()) {
    if (
      !stream ||
      /\/(Type|Subtype)\s*\/(XObject|Font|Metadata)|\/Length1|CIDInit/.test(dict + stream.slice(0, 40))
    )
      continue;
    let font: Map<number, string> | undefined;
    for (const op of stream.matchAll(
      /\/(F\d+) [\d.]+ Tf|\[((?:<[0-9a-f]*>|[^\]])*)\] TJ|<([0-9a-f]*)> Tj|(ET)/gi,
    )) {
      if (op[1]) font = maps.get(op[1]);
      else if (op[4]) text += '\n';
      else {
        const hex = [...(op[2] ?? `<${op[3]}>`).matchAll(/<([0-9a-f]*)>/gi)].map((h) => h[1]).join('');
        for (const code of hex.match(/.{4}/g) ?? []) text += font?.get(Number.parseInt(code, 16)) ?? '';
      }
    }
  }
  return text;
}
