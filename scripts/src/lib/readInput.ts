import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { DataError } from '../data/DataError.ts';

export interface InputBytes {
  /** Path of the file on disk. */
  path: string;
  /** For a zip: the entry that was read. */
  entry?: string;
  /** Decompressed content. */
  bytes: Uint8Array;
  /** sha256 of the file as it is on disk (compressed), hex. */
  sha256: string;
  /** Size of the file on disk. */
  size: number;
  compression: 'none' | 'gzip' | 'zip';
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Reads a raw input file, plain, gzip (`.gz`) or zip (`.zip`; `pickEntry` chooses the member),
 * and records its sha256 and size. A truncated or corrupt archive is a located error.
 */
export function readInput(path: string, pickEntry?: (names: string[]) => string | undefined): InputBytes {
  let raw: Buffer;
  try {
    raw = readFileSync(path);
  } catch (error) {
    throw new DataError(
      'FILE_UNREADABLE',
      {
        fr: `Impossible de lire le fichier (${(error as NodeJS.ErrnoException).code ?? 'erreur'}).`,
        en: `Cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'}).`,
        hintFr: 'Vérifiez le chemin et les droits de lecture, ou indiquez un autre dossier avec --source.',
        hintEn: 'Check the path and read permissions, or name another folder with --source.',
      },
      { file: path },
    );
  }
  const sha256 = sha256Hex(raw);
  const size = statSync(path).size;
  const isGzip = raw[0] === 0x1f && raw[1] === 0x8b;
  // An .xlsx workbook is a zip too: it is read whole by the workbook reader.
  const isZip = path.endsWith('.zip') || (raw[0] === 0x50 && raw[1] === 0x4b && !path.endsWith('.xlsx'));
  if (isGzip || path.endsWith('.gz')) {
    try {
      return { path, bytes: gunzipSync(raw), sha256, size, compression: 'gzip' };
    } catch (error) {
      throw new DataError(
        'CORRUPT_GZIP',
        {
          fr: `Archive gzip tronquée ou corrompue : ${(error as Error).message}.`,
          en: `Truncated or corrupt gzip archive: ${(error as Error).message}.`,
          hintFr:
            'Téléchargez ou copiez à nouveau le fichier en entier (comparez sa taille et son sha256 à la source).',
          hintEn: 'Download or copy the whole file again (compare its size and sha256 with the source).',
        },
        { file: path },
      );
    }
  }
  if (isZip) {
    let files: Record<string, Uint8Array>;
    try {
      files = unzipSync(raw);
    } catch (error) {
      throw new DataError(
        'CORRUPT_ZIP',
        {
          fr: `Archive zip tronquée ou corrompue : ${(error as Error).message}.`,
          en: `Truncated or corrupt zip archive: ${(error as Error).message}.`,
          hintFr:
            'Téléchargez à nouveau l’archive officielle en entier, ou donnez directement le fichier CSV qu’elle contient.',
          hintEn: 'Download the official archive again, or give the CSV file it contains directly.',
        },
        { file: path },
      );
    }
    const names = Object.keys(files);
    const entry = pickEntry ? pickEntry(names) : names.length === 1 ? names[0] : undefined;
    if (entry === undefined || files[entry] === undefined) {
      throw new DataError(
        'ZIP_ENTRY_MISSING',
        {
          fr: `L’archive ne contient pas le fichier attendu (elle contient : ${names.join(', ') || 'rien'}).`,
          en: `The archive does not hold the expected file (it holds: ${names.join(', ') || 'nothing'}).`,
          hintFr: 'Vérifiez qu’il s’agit bien de l’archive officielle, ou donnez le fichier CSV lui-même.',
          hintEn: 'Check this is the official archive, or give the CSV file itself.',
        },
        { file: path },
      );
    }
    return { path, entry, bytes: files[entry], sha256, size, compression: 'zip' };
  }
  return { path, bytes: raw, sha256, size, compression: 'none' };
}

/** The name to show for an input: the file, and the zip member when there is one. */
export function inputLabel(input: Pick<InputBytes, 'path' | 'entry'>): string {
  return input.entry ? `${basename(input.path)}!${input.entry}` : basename(input.path);
}
