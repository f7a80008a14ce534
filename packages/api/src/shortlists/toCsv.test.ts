import { describe, expect, it } from 'vitest';
import type { Shortlist } from '../store/types.ts';
import { toCsv } from './toCsv.ts';

const base: Shortlist = {
  id: 's1',
  title: 'Test',
  status: 'draft',
  scenarioId: null,
  scenarioVersion: null,
  vintageId: 'vintage-mini',
  config: {},
  resultHash: 'abcdefgh',
  level: 'epci',
  author: 'alice',
  createdAt: '',
  updatedAt: '',
  publishedAt: null,
  publishedBy: null,
  items: [
    {
      code: 'z1',
      name: 'Zone nord',
      kind: 'zone',
      members: ['67001', '67002'],
      rank: 2,
      note: '=HYPERLINK("x")',
    },
    {
      code: '200000002',
      name: 'CA Gamma',
      kind: 'territory',
      rank: 1,
      note: 'Très "bon"; à voir\nen réunion',
    },
  ],
};

describe('toCsv(shortlist)', () => {
  it('toCsv() writes a BOM, a French header, items by rank, quotes and CRLF', () => {
    expect(toCsv(base)).toBe(
      '\uFEFFrang;code;nom;type;membres;note\r\n' +
        '1;200000002;CA Gamma;territoire;;"Très ""bon""; à voir\nen réunion"\r\n' +
        `2;z1;Zone nord;zone;67001 67002;"'=HYPERLINK(""x"")"\r\n`,
    );
  });

  it('toCsv() neutralises cells a spreadsheet would run as formulas', () => {
    for (const note of ['=1+1', '+1', '-1', '@SUM(A1)']) {
      const csv = toCsv({ ...base, items: [{ ...base.items[1]!, note }] });
      expect(csv.split('\r\n')[1]!.endsWith(`;'${note}`)).toBe(true);
    }
  });
});
