import { createReadStream } from 'node:fs';
import { PassThrough, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Unzip, UnzipInflate } from 'fflate';
import Papa from 'papaparse';
import { DataError } from '../data/DataError.ts';

/**
 * Streams the rows of a large CSV (the SIRENE stock files are several GB): plain, .gz, or .zip
 * (the first .csv member), parsed by papaparse with a header row. `onRow` gets each row as an
 * object and its 1-based line (header = line 1; exact unless a quoted field spans lines).
 * Resolves with the header once the file is read.
 */
export function streamCsvRows(
  path: string,
  file: string,
  onHeader: (header: string[]) => void,
  onRow: (row: Record<string, string>, line: number) => void,
): Promise<string[]> {
  return new Promise((resolve, reject) => {
    let source: Readable = createReadStream(path);
    const fail = (error: unknown) => reject(error);
    if (path.endsWith('.gz')) {
      const gunzip = createGunzip();
      gunzip.on('error', (e) =>
        reject(
          new DataError(
            'CORRUPT_GZIP',
            {
              fr: `Archive gzip tronquée ou corrompue : ${e.message}.`,
              en: `Truncated or corrupt gzip archive: ${e.message}.`,
              hintFr: 'Téléchargez à nouveau le fichier en entier.',
              hintEn: 'Download the whole file again.',
            },
            { file },
          ),
        ),
      );
      source = source.pipe(gunzip);
    } else if (path.endsWith('.zip')) {
      source = unzipFirstCsv(source, file, fail);
    }
    let header: string[] = [];
    let line = 1;
    const parser = Papa.parse(Papa.NODE_STREAM_INPUT, { header: true, skipEmptyLines: true });
    parser.on('data', (row: Record<string, string>) => {
      if (line === 1) {
        header = Object.keys(row);
        try {
          onHeader(header);
        } catch (error) {
          reject(error);
          source.destroy();
          return;
        }
      }
      line++;
      try {
        onRow(row, line);
      } catch (error) {
        reject(error);
        source.destroy();
      }
    });
    parser.on('end', () => resolve(header));
    parser.on('error', fail);
    source.on('error', fail);
    source.pipe(parser);
  });
}

function unzipFirstCsv(input: Readable, file: string, fail: (e: unknown) => void): Readable {
  const out = new PassThrough();
  let found = false;
  const unzip = new Unzip((entry) => {
    if (found || !entry.name.toLowerCase().endsWith('.csv')) return;
    found = true;
    entry.ondata = (error, chunk, final) => {
      if (error) return fail(error);
      out.write(Buffer.from(chunk));
      if (final) out.end();
    };
    entry.start();
  });
  unzip.register(UnzipInflate);
  input.on('data', (chunk: Buffer) => unzip.push(new Uint8Array(chunk)));
  input.on('end', () => {
    unzip.push(new Uint8Array(0), true);
    if (!found) {
      fail(
        new DataError(
          'ZIP_ENTRY_MISSING',
          {
            fr: 'L’archive ne contient aucun fichier .csv (ou elle est tronquée).',
            en: 'The archive holds no .csv file (or it is truncated).',
            hintFr: 'Donnez l’archive officielle complète, ou le CSV lui-même.',
            hintEn: 'Give the complete official archive, or the CSV itself.',
          },
          { file },
        ),
      );
    }
  });
  return out;
}
