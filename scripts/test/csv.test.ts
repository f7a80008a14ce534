import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DataError } from '../src/data/DataError.ts';
import { readCsv } from '../src/lib/csv.ts';
import { decodeText } from '../src/lib/decodeText.ts';
import { parseNumberCell, plainNumber } from '../src/lib/parseNumberCell.ts';

function thrown(fn: () => unknown): DataError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DataError) return error;
    throw error;
  }
  throw new Error('expected a DataError');
}

const code = fc
  .tuple(fc.constantFrom('01', '2A', '2B', '67', '97'), fc.integer({ min: 0, max: 999 }))
  .map(([d, n]) => `${d}${String(n).padStart(3, '0')}`);
const cell = fc.oneof(
  fc.constant(''),
  fc.double({ min: 0, max: 1e7, noNaN: true, noDefaultInfinity: true }).map((x) => String(x)),
  fc.integer({ min: 0, max: 100000 }).map(String),
);

describe('readCsv(text, options)', () => {
  it('round-trips any table whatever the separator, line ending, encoding and BOM', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(code, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 5 }),
        fc.constantFrom<';' | ',' | '\t'>(';', ',', '\t'),
        fc.constantFrom('\r\n', '\n'),
        fc.constantFrom('utf-8', 'utf-8-bom', 'iso-8859-1'),
        fc.array(cell, { minLength: 150, maxLength: 150 }),
        (codes, width, sep, eol, encoding, cells) => {
          const header = ['CODGEO', ...Array.from({ length: width }, (_, k) => `VAR_é${k}`)];
          const rows = codes.map((c, r) => [
            c,
            ...Array.from({ length: width }, (_, k) => cells[(r * width + k) % cells.length]),
          ]);
          const text = [header, ...rows].map((row) => row.join(sep)).join(eol) + eol;
          const bytes =
            encoding === 'iso-8859-1'
              ? Buffer.from(text, 'latin1')
              : Buffer.concat([
                  encoding === 'utf-8-bom' ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0),
                  Buffer.from(text, 'utf8'),
                ]);
          const decoded = decodeText(bytes, 'f.csv');
          expect(decoded.encoding).toBe(encoding);
          const table = readCsv(decoded.text, { file: 'f.csv' });
          expect(table.separator).toBe(sep);
          expect(table.header).toEqual(header);
          expect(table.rows).toEqual(rows);
          // Line numbers: the header is line 1, rows follow one per line.
          expect(table.lines).toEqual(rows.map((_, r) => r + 2));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('finds the header after INSEE title lines and numbers lines as a reader sees them', () => {
    const text =
      'Liste des communes\nFrance\n\nCode géographique;Libellé\nCODGEO;LIBGEO\n67001;Achenheim\n67002;Ackerland\n';
    const table = readCsv(text, { file: 't.csv', isHeader: (cells) => cells.includes('CODGEO') });
    expect(table.headerLine).toBe(5);
    expect(table.rows).toEqual([
      ['67001', 'Achenheim'],
      ['67002', 'Ackerland'],
    ]);
    expect(table.lines).toEqual([6, 7]);
  });

  it('keeps line numbers right after a quoted field spanning two lines', () => {
    const table = readCsv('A;B\n1;"two\nlines"\n3;x\n', { file: 'q.csv' });
    expect(table.rows[1]).toEqual(['3', 'x']);
    expect(table.lines).toEqual([2, 4]);
  });

  it('says which line has the wrong number of fields (a wrong separator inside the file)', () => {
    const error = thrown(() =>
      readCsv('CODGEO;P18_POP;MED19\n67001;100;2000\n67002,200,3000\n', { file: 'c.csv' }),
    );
    expect(error.code).toBe('FIELD_COUNT');
    expect(error.location).toMatchObject({ file: 'c.csv', line: 3, value: '67002,200,3000' });
  });

  it('refuses a file with no known separator', () => {
    const error = thrown(() => readCsv('CODGEO|P18_POP\n67001|100\n', { file: 'p.csv' }));
    expect(error.code).toBe('WRONG_SEPARATOR');
    expect(error.location).toMatchObject({ file: 'p.csv', line: 1 });
  });
});

describe('decodeText(bytes, file)', () => {
  it('reads Windows-1252 (€, ’) and tells it from ISO-8859-1', () => {
    const cp1252 = Uint8Array.from([0x41, 0x80, 0x92, 0xe9]); // A € ’ é
    expect(decodeText(cp1252, 'w.csv')).toEqual({ text: 'A€’é', encoding: 'windows-1252' });
    expect(decodeText(Uint8Array.from([0x41, 0xe9]), 'l.csv')).toEqual({
      text: 'Aé',
      encoding: 'iso-8859-1',
    });
  });

  it('refuses UTF-16 and binary content with the line of the first NUL byte', () => {
    expect(thrown(() => decodeText(Uint8Array.from([0xff, 0xfe, 0x41, 0x00]), 'u.csv')).code).toBe(
      'UNSUPPORTED_ENCODING',
    );
    const binary = thrown(() => decodeText(Uint8Array.from([0x41, 0x0a, 0x42, 0x0a, 0x00]), 'b.csv'));
    expect(binary.code).toBe('BINARY_CONTENT');
    expect(binary.location.line).toBe(3);
  });
});

describe('parseNumberCell(raw, where, options)', () => {
  const where = { file: 'c.csv', line: 7, column: 3, field: 'MED19' };

  it('reads numbers, and empty or withheld cells as missing (null), never 0', () => {
    expect(parseNumberCell('353.730434782608', where)).toBe(353.730434782608);
    expect(parseNumberCell('1e3', where)).toBe(1000);
    expect(parseNumberCell('', where)).toBeNull();
    expect(parseNumberCell('s', where)).toBeNull();
    expect(parseNumberCell('nd', where)).toBeNull();
  });

  it('refuses decimal commas unless asked, with the place and the fix', () => {
    const error = thrown(() => parseNumberCell('12,5', where));
    expect(error.code).toBe('DECIMAL_COMMA');
    expect(error.location).toEqual({ ...where, value: '12,5' });
    expect(error.hint).toContain('--decimal-comma');
    expect(parseNumberCell('12,5', where, { decimalComma: true })).toBe(12.5);
  });

  it('refuses text, thousands separators and negative counts', () => {
    expect(thrown(() => parseNumberCell('abc', where)).code).toBe('NOT_A_NUMBER');
    expect(thrown(() => parseNumberCell('1 200', where)).code).toBe('NOT_A_NUMBER');
    const negative = thrown(() => parseNumberCell('-3', where));
    expect(negative.code).toBe('NEGATIVE_VALUE');
    expect(negative.location.value).toBe('-3');
  });

  it('round-trips every non-negative double printed by JavaScript', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e12, noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(parseNumberCell(String(x), where)).toBe(x);
      }),
    );
  });
});

describe('plainNumber(raw)', () => {
  const where = { file: 'c.csv', line: 7, column: 3, field: 'MED19' };
  const outcome = (raw: string) => {
    try {
      return { value: parseNumberCell(raw, where) };
    } catch (error) {
      return { code: (error as DataError).code };
    }
  };
  const cellText = fc.oneof(
    fc.double({ noNaN: false }).map(String),
    fc.integer().map(String),
    fc.constantFrom(
      '',
      's',
      'nd',
      'NA',
      '12,5',
      '-0',
      '0',
      '+1',
      '.5',
      '5.',
      '1e999',
      '-1e-3',
      ' 1',
      '0x10',
      'Infinity',
    ),
    fc.stringMatching(/^[-+0-9.eE, ]{0,8}$/),
  );

  it('plainNumber(raw) is the value parseNumberCell reads, for the cells it accepts, and leaves it the rest', () => {
    fc.assert(
      fc.property(cellText, (raw) => {
        const plain = plainNumber(raw);
        const expected = outcome(raw);
        if (plain === undefined) {
          // Left to parseNumberCell: missing, decimal comma, or a located error.
          expect(expected.value === null || expected.code !== undefined).toBe(true);
        } else {
          expect(Object.is(plain, expected.value)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
    expect(plainNumber('353.730434782608')).toBe(353.730434782608);
    expect(plainNumber('-0')).toBe(-0);
    expect(plainNumber('-3')).toBeUndefined();
    expect(plainNumber('')).toBeUndefined();
  });
});
