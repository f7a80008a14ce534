import type { Page } from 'playwright-core';

interface Metrics {
  firstPaintAt: number;
  repaints: number;
  latencies: number[];
  lastScoreMs: number;
  scorings: number;
  hash: string;
}

/** The page's timings and counters (`window.__ptce`, see src/state/metrics.ts). */
export function metrics(page: Page): Promise<Metrics> {
  return page.evaluate(() => (globalThis as unknown as { __ptce: Metrics }).__ptce);
}

/** Waits until the map has repainted more than `after` times and the map is idle. */
export async function waitRepaint(page: Page, after: number, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    (n) => (globalThis as unknown as { __ptce?: Metrics }).__ptce!.repaints > n,
    after,
    { timeout },
  );
}

/** Waits until the map shows a result other than `hash` (a new scoring was painted). */
export async function waitNewResult(page: Page, hash: string, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    (h) => (globalThis as unknown as { __ptce?: Metrics }).__ptce!.hash !== h,
    hash,
    {
      timeout,
    },
  );
}

/**
 * Colour statistics of the map as drawn on screen: the element's screenshot is decoded in the
 * page (an <img> on a 2D canvas), so no image library is needed on the Node side.
 */
export async function mapPixels(page: Page): Promise<{ distinct: number; png: Buffer; sample: number[] }> {
  const png = await page.locator('[data-testid=map] canvas').screenshot();
  const stats = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    const colours = new Set<number>();
    // A coarse 40 x 40 grid of pixels, to compare two states of the map.
    const sample: number[] = [];
    for (let i = 0; i < d.length; i += 4) colours.add((d[i]! << 16) | (d[i + 1]! << 8) | d[i + 2]!);
    for (let gy = 0; gy < 40; gy++) {
      for (let gx = 0; gx < 40; gx++) {
        const x = Math.floor(((gx + 0.5) * c.width) / 40);
        const y = Math.floor(((gy + 0.5) * c.height) / 40);
        const o = (y * c.width + x) * 4;
        sample.push((d[o]! << 16) | (d[o + 1]! << 8) | d[o + 2]!);
      }
    }
    return { distinct: colours.size, sample };
  }, png.toString('base64'));
  return { ...stats, png };
}

/** Share of grid points whose colour differs between two map states. */
export function changedShare(a: number[], b: number[]): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++;
  return n / a.length;
}

/** Codes of the first rows of the ranked table. */
export function tableCodes(page: Page, n = 15): Promise<string[]> {
  return page.$$eval(
    '[data-testid=rank-table] tbody tr',
    (rows, k) => rows.slice(0, k).map((r) => r.getAttribute('data-code') ?? ''),
    n,
  );
}

/**
 * A screen point where the territory is drawn and nothing covers the map (legend, sheet): found by
 * asking the map what it rendered on a grid of points, so the click lands on that territory.
 */
export function territoryPoint(page: Page, code: string): Promise<{ x: number; y: number } | null> {
  return page.evaluate((c) => {
    type Map = {
      getCanvas(): HTMLCanvasElement;
      queryRenderedFeatures(
        p: [number, number],
        o: { layers: string[] },
      ): { properties: { code: unknown } }[];
    };
    const map = (globalThis as unknown as { __ptceMap: Map }).__ptceMap;
    const canvas = map.getCanvas();
    const box = canvas.getBoundingClientRect();
    const hits: { x: number; y: number }[] = [];
    for (let y = 8; y < box.height; y += 6) {
      for (let x = 8; x < box.width; x += 6) {
        const f = map.queryRenderedFeatures([x, y], { layers: ['units-fill'] })[0];
        if (!f || String(f.properties.code) !== c) continue;
        if (document.elementFromPoint(box.left + x, box.top + y) !== canvas) continue;
        hits.push({ x: box.left + x, y: box.top + y });
      }
    }
    // The middle hit rather than an edge one.
    return hits.length ? hits[Math.floor(hits.length / 2)]! : null;
  }, code);
}

/**
 * Elements sticking out of the 1280 × 720 window, and how far the page is scrolled: at that size
 * nothing may push the layout sideways (the issue asks for a workspace usable from 1280 × 720).
 */
export function layoutOverflow(page: Page): Promise<{ scrollX: number; scrollY: number; wide: string[] }> {
  return page.evaluate(() => {
    const wide: string[] = [];
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      if ((el as HTMLElement).classList.contains('skip')) continue; // off-screen until focused, by design
      const r = el.getBoundingClientRect();
      if (r.width > 0 && (r.right > window.innerWidth + 1 || r.left < -1)) {
        wide.push(
          `${el.tagName.toLowerCase()}.${(el as HTMLElement).className} [${Math.round(r.left)}, ${Math.round(r.right)}]`,
        );
      }
    }
    const root = document.scrollingElement ?? document.documentElement;
    return { scrollX: root.scrollLeft, scrollY: root.scrollTop, wide: wide.slice(0, 8) };
  });
}
