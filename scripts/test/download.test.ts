import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VintageManifest } from '@ptce/engine';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../src/lib/readInput.ts';
import { buildMini, FIXTURE, rawCopy, readJson } from './helpers.ts';

describe('buildVintage(options) downloads what is found nowhere locally', () => {
  const zip = zipSync({
    'base_cc_comparateur.csv': readFileSync(join(FIXTURE, 'insee/base_cc_comparateur.csv')),
    'meta_base_cc_comparateur.csv': readFileSync(join(FIXTURE, 'insee/meta_base_cc_comparateur.csv')),
  });
  let url = '';
  let requests = 0;
  const server = createServer((request, response) => {
    requests++;
    if (request.url === '/fichier/base_cc_comparateur_csv.zip') {
      response.writeHead(200, { 'content-type': 'application/zip' });
      response.end(zip);
    } else {
      response.writeHead(404);
      response.end();
    }
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('fetches the official file, records its address and sha256, and caches it', async () => {
    const work = mkdtempSync(join(tmpdir(), 'ptce-dl-'));
    const sources = join(work, 'sources.json');
    writeFileSync(
      sources,
      JSON.stringify({
        sources: {
          comparateur: {
            url: `${url}/fichier/base_cc_comparateur_csv.zip`,
            file: 'base_cc_comparateur_csv.zip',
          },
        },
      }),
    );
    const env = { PTCE_SOURCES_FILE: sources, PTCE_CACHE_DIR: join(work, 'cache') };
    const raw = rawCopy((d) => {
      rmSync(join(d, 'insee/base_cc_comparateur.csv'));
      rmSync(join(d, 'insee/meta_base_cc_comparateur.csv'));
    });
    const { dir } = await buildMini(raw, { download: true, env });
    const manifest = readJson<VintageManifest>(join(dir, 'manifest.json'));
    const input = manifest.inputs.find((i) => i.role === 'comparateur');
    expect(input).toMatchObject({
      origin: 'download',
      url: `${url}/fichier/base_cc_comparateur_csv.zip`,
      sha256: sha256Hex(zip),
      rows: 8,
    });
    expect(requests).toBe(1);
    await buildMini(raw, { download: true, env });
    expect(requests).toBe(1);
  });

  it('says where it looked and what to do when the download fails', async () => {
    const work = mkdtempSync(join(tmpdir(), 'ptce-dl-'));
    const sources = join(work, 'sources.json');
    writeFileSync(
      sources,
      JSON.stringify({
        sources: {
          comparateur: {
            url: `${url}/missing.zip`,
            file: 'x.zip',
            page: 'https://www.insee.fr/fr/statistiques/2521169',
          },
        },
      }),
    );
    const raw = rawCopy((d) => rmSync(join(d, 'insee/base_cc_comparateur.csv')));
    await expect(
      buildMini(raw, {
        download: true,
        env: { PTCE_SOURCES_FILE: sources, PTCE_CACHE_DIR: join(work, 'cache') },
      }),
    ).rejects.toMatchObject({
      code: 'DOWNLOAD_FAILED',
      hint: expect.stringContaining('https://www.insee.fr/fr/statistiques/2521169'),
    });
  });
});
