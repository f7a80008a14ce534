import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * DejaVu Sans (Bitstream Vera licence): the one sans-serif among those checked (Source Sans 3,
 * Inter, Noto Sans, IBM Plex Sans, Open Sans as packaged on npm) whose file has the narrow no-break
 * space U+202F that French typography and `Intl.NumberFormat('fr-FR')` use, plus « » œ Œ Ÿ € − ≥.
 * The condensed cut sets tables; the mono cut sets file hashes.
 */
export const FONT_FILES = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  italic: 'DejaVuSans-Oblique.ttf',
  condensed: 'DejaVuSansCondensed.ttf',
  condensedBold: 'DejaVuSansCondensed-Bold.ttf',
  mono: 'DejaVuSansMono.ttf',
} as const;

export type FontName = keyof typeof FONT_FILES;

let cache: Record<FontName, Buffer> | null = null;

/** The font files' bytes, read once per process (about 3.6 MB; pdfkit embeds only the glyphs used). */
export function fontBytes(): Record<FontName, Buffer> {
  if (!cache) {
    const entries = Object.entries(FONT_FILES).map(([name, file]) => [
      name,
      readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${file}`)),
    ]);
    cache = Object.fromEntries(entries) as Record<FontName, Buffer>;
  }
  return cache;
}
