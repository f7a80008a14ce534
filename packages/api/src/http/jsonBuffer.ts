/** Room for the next text in UTF-8: at most 3 bytes per UTF-16 code unit. */
const MAX_UTF8_PER_UNIT = 3;
const COMMA = 0x2c;

/**
 * Writes JSON texts one after the other into one growing buffer. Kept between calls (a result
 * is serialised synchronously, so one scratch buffer serves every request) and copied out at the
 * exact size at the end, so that nothing holds the spare capacity.
 */
class Utf8Writer {
  private buffer = Buffer.allocUnsafeSlow(1 << 16);
  private offset = 0;

  /** Forgets what a call that threw half-way left behind. */
  reset(): void {
    this.offset = 0;
  }

  write(text: string): void {
    const need = this.offset + text.length * MAX_UTF8_PER_UNIT;
    if (need > this.buffer.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(need, this.buffer.length * 2));
      this.buffer.copy(grown, 0, 0, this.offset);
      this.buffer = grown;
    }
    this.offset += this.buffer.write(text, this.offset);
  }

  /** One ASCII character (a separator), without a call into C++. */
  writeAscii(code: number): void {
    if (this.offset === this.buffer.length) this.write(String.fromCharCode(code));
    else this.buffer[this.offset++] = code;
  }

  /** A copy of what was written, then the writer is empty again. */
  take(): Buffer {
    const out = Buffer.allocUnsafeSlow(this.offset);
    this.buffer.copy(out, 0, 0, this.offset);
    this.offset = 0;
    return out;
  }
}

const scratch = new Utf8Writer();

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && !('toJSON' in value);
}

/**
 * The UTF-8 bytes of `JSON.stringify(value)` — the same bytes — made faster for a plain object
 * holding one long list (`listKey`: the 514 territories of a scoring result): that list is
 * stringified item by item and each text written straight into the buffer.
 *
 * Why it is faster (measured on a Bas-Rhin commune result, 266 kB): one `JSON.stringify` of the
 * whole result becomes a two-byte string as soon as one commune name holds a character outside
 * Latin-1 (« Bœrsch »), so V8 builds and then UTF-8 encodes a 532 kB string; item by item, only
 * the few items with such a name are two-byte, and no large string is ever made (≈ 2 ms instead
 * of ≈ 4.5 ms, and much less garbage).
 *
 * Anything else (not a plain object, a `toJSON` method, `listKey` absent or not an array) is
 * serialised by `JSON.stringify` as a whole. The one difference: a `toJSON` method inside is
 * called with the key `''` rather than its own key (plain data, as results are, has none).
 */
export function jsonBuffer(value: unknown, listKey?: string): Buffer {
  if (listKey === undefined || !isPlainObject(value) || !Array.isArray(value[listKey])) {
    return Buffer.from(JSON.stringify(value) ?? 'null', 'utf8');
  }
  const writer = scratch;
  writer.reset();
  let first = true;
  writer.write('{');
  for (const key of Object.keys(value)) {
    const member = value[key];
    if (key === listKey) {
      writer.write(`${first ? '' : ','}${JSON.stringify(key)}:[`);
      const list = member as unknown[];
      for (let i = 0; i < list.length; i++) {
        if (i > 0) writer.writeAscii(COMMA);
        // As JSON.stringify does in an array: what has no JSON form (undefined, a function) is null.
        writer.write(JSON.stringify(list[i]) ?? 'null');
      }
      writer.write(']');
    } else {
      const text = JSON.stringify(member);
      // As JSON.stringify does in an object: a member with no JSON form is left out.
      if (text === undefined) continue;
      writer.write(`${first ? '' : ','}${JSON.stringify(key)}:${text}`);
    }
    first = false;
  }
  writer.write('}');
  return writer.take();
}
