/**
 * CSV for spreadsheet users in France: UTF-8 with BOM, `;` separator, decimal comma, numbers
 * never quoted (so LibreOffice and Excel in French read them as numbers). `plain` gives the
 * international form: no BOM, `,` separator, decimal point.
 */
export interface CsvStyle {
  plain: boolean;
}

/** A number as a spreadsheet reads it: at most `decimals` decimals, no exponent, no grouping. */
export function csvNumber(value: number | null | undefined, style: CsvStyle, decimals = 4): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  let text = value.toFixed(decimals);
  if (text.includes('.')) text = text.replace(/0+$/, '').replace(/\.$/, '');
  if (text === '-0') text = '0';
  return style.plain ? text : text.replace('.', ',');
}

export function csvText(value: string, style: CsvStyle): string {
  const separator = style.plain ? ',' : ';';
  return value.includes(separator) || value.includes('"') || value.includes('\n')
    ? `"${value.replaceAll('"', '""')}"`
    : value;
}

export function csvDocument(rows: string[][], style: CsvStyle): string {
  const separator = style.plain ? ',' : ';';
  return `${style.plain ? '' : '\uFEFF'}${rows.map((r) => r.join(separator)).join('\r\n')}\r\n`;
}
