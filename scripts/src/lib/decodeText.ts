import { DataError } from '../data/DataError.ts';

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1252' | 'iso-8859-1';

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');

/**
 * Windows-1252 is ISO-8859-1 except for 0x80-0x9F, where it has printable characters (€, ’, œ…).
 * Node's TextDecoder without full ICU decodes that range as control characters: map it here.
 */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeCp1252(bytes: Uint8Array): string {
  return latin1.decode(bytes).replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]);
}

/**
 * Decodes a CSV as INSEE and spreadsheet users produce it: UTF-8 with or without BOM,
 * Windows-1252 or ISO-8859-1 (told apart by bytes 0x80-0x9F, which only Windows-1252 uses as
 * characters). UTF-16 and binary content are refused with a located error.
 */
export function decodeText(bytes: Uint8Array, file: string): DecodedText {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new DataError(
      'UNSUPPORTED_ENCODING',
      {
        fr: 'Le fichier est encodé en UTF-16, qui n’est pas pris en charge.',
        en: 'The file is UTF-16 encoded, which is not supported.',
        hintFr: 'Enregistrez-le en « CSV UTF-8 » (ou Windows-1252) depuis votre tableur.',
        hintEn: 'Save it as "CSV UTF-8" (or Windows-1252) from your spreadsheet.',
      },
      { file, line: 1 },
    );
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const line = countLines(bytes, nul);
    throw new DataError(
      'BINARY_CONTENT',
      {
        fr: 'Le fichier contient des octets nuls : ce n’est pas un fichier texte CSV (archive non décompressée, classeur Excel ?).',
        en: 'The file holds NUL bytes: it is not a CSV text file (an unextracted archive, an Excel workbook?).',
        hintFr: 'Donnez le fichier CSV lui-même, ou l’archive .zip/.gz avec son extension.',
        hintEn: 'Give the CSV file itself, or the .zip/.gz archive with its extension.',
      },
      { file, line },
    );
  }
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  try {
    return { text: utf8.decode(body), encoding: hasBom ? 'utf-8-bom' : 'utf-8' };
  } catch {
    let windows = false;
    for (const b of body) {
      if (b >= 0x80 && b <= 0x9f) {
        windows = true;
        break;
      }
    }
    return { text: decodeCp1252(body), encoding: windows ? 'windows-1252' : 'iso-8859-1' };
  }
}

function countLines(bytes: Uint8Array, end: number): number {
  let line = 1;
  for (let i = 0; i < end; i++) if (bytes[i] === 0x0a) line++;
  return line;
}
