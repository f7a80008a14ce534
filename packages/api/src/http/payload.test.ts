import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CachedPayload, negotiateEncoding } from './payload.ts';

describe('negotiateEncoding(header, bytes)', () => {
  it('negotiateEncoding() prefers brotli, then gzip, honours q=0, and skips small bodies', () => {
    expect(negotiateEncoding('gzip, deflate, br', 5000)).toBe('br');
    expect(negotiateEncoding('gzip;q=1.0, br;q=0', 5000)).toBe('gzip');
    expect(negotiateEncoding('deflate', 5000)).toBe('identity');
    expect(negotiateEncoding('*', 5000)).toBe('gzip');
    expect(negotiateEncoding(undefined, 5000)).toBe('identity');
    expect(negotiateEncoding('br', 100)).toBe('identity');
  });
});

describe('CachedPayload(body, contentType)', () => {
  const text = JSON.stringify({
    features: Array.from({ length: 200 }, (_, i) => ({ code: `67${i}`, v: i / 7 })),
  });
  const payload = new CachedPayload(text, 'application/json');

  it('CachedPayload.as() decompresses back to the body, and compresses only once', async () => {
    expect(gunzipSync(await payload.as('gzip')).toString()).toBe(text);
    expect(brotliDecompressSync(await payload.as('br')).toString()).toBe(text);
    expect(await payload.as('br')).toBe(await payload.as('br'));
    expect((await payload.as('identity')).toString()).toBe(text);
  });

  it('CachedPayload.as() of a fast payload (made on demand) decompresses back to the body too', async () => {
    const fast = new CachedPayload(text, 'application/json', 'h', { fast: true });
    expect(brotliDecompressSync(await fast.as('br')).toString()).toBe(text);
    expect(gunzipSync(await fast.as('gzip')).toString()).toBe(text);
  });

  it('CachedPayload.hash changes with the body and not otherwise', () => {
    expect(new CachedPayload(text, 'a').hash).toBe(payload.hash);
    expect(new CachedPayload(`${text} `, 'a').hash).not.toBe(payload.hash);
  });

  it('CachedPayload from a compressed body only: same bytes and hash, plain and other forms made on demand', async () => {
    const br = brotliCompressSync(text);
    const held = new CachedPayload(
      { encoding: 'br', compressed: br, bytes: Buffer.byteLength(text) },
      'a',
      'h1',
    );
    expect(held.bytes).toBe(Buffer.byteLength(text));
    expect(held.hash).toBe('h1');
    expect(await held.as('br')).toBe(br);
    // Two clients asking for the plain body at once share one decompression.
    const [a, b] = await Promise.all([held.as('identity'), held.as('identity')]);
    expect(a).toBe(b);
    expect(a.toString()).toBe(text);
    expect(held.body).toBe(a);
    expect(gunzipSync(await held.as('gzip')).toString()).toBe(text);

    const gz = new CachedPayload(
      { encoding: 'gzip', compressed: gzipSync(text), bytes: text.length },
      'a',
      'h2',
    );
    // The synchronous getter decompresses too.
    expect(gz.body.toString()).toBe(text);
    expect(brotliDecompressSync(await gz.as('br')).toString()).toBe(text);
    expect(() => new CachedPayload({ encoding: 'br', compressed: br, bytes: 1 }, 'a')).toThrow(/hash/);
  });

  it('CachedPayload.heldBytes counts the forms held now: the compressed source alone, then what was made from it', async () => {
    const br = brotliCompressSync(text);
    const held = new CachedPayload(
      { encoding: 'br', compressed: br, bytes: Buffer.byteLength(text) },
      'a',
      'h',
    );
    expect(held.heldBytes).toBe(br.length);
    await held.as('identity');
    expect(held.heldBytes).toBe(br.length + Buffer.byteLength(text));
    const gz = await held.as('gzip');
    expect(held.heldBytes).toBe(br.length + Buffer.byteLength(text) + gz.length);
    const plain = new CachedPayload(text, 'a');
    expect(plain.heldBytes).toBe(Buffer.byteLength(text));
  });
});
