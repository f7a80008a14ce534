import type { Shortlist } from '../store/types.ts';

/** Cells that a spreadsheet would run as a formula (CSV injection, OWASP) get a leading apostrophe. */
function cell(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A shortlist as CSV for a French spreadsheet: `;`-separated, UTF-8 with a byte-order mark
 * (so that Excel reads the accents), CRLF line ends, items by rank.
 * Columns: rang, code, nom, type, membres (codes separated by spaces), note.
 * @example
 * toCsv(list) // '\uFEFFrang;code;nom;type;membres;note\r\n1;200000002;CA Gamma;territoire;;"Très ""bon"""\r\n'
 */
export function toCsv(shortlist: Shortlist): string {
  const rows = [...shortlist.items]
    .sort((a, b) => a.rank - b.rank)
    .map((item) =>
      [
        item.rank,
        item.code,
        item.name,
        item.kind === 'territory' ? 'territoire' : 'zone',
        (item.members ?? []).join(' '),
        item.note,
      ]
        .map(cell)
        .join(';'),
    );
  return `\uFEFF${['rang;code;nom;type;membres;note', ...rows].join('\r\n')}\r\n`;
}
