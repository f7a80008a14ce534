/**
 * A growable byte buffer for writing large JSON files without building large JS strings (which
 * cost more in concatenation, flattening and garbage collection than the bytes themselves).
 */
export class ByteWriter {
  private buffer = Buffer.allocUnsafe(1 << 20);
  length = 0;

  private reserve(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.length + bytes) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buffer.copy(next, 0, 0, this.length);
    this.buffer = next;
  }

  /** Appends text (UTF-8). */
  text(value: string): this {
    this.reserve(value.length * 3);
    this.length += this.buffer.write(value, this.length, 'utf8');
    return this;
  }

  byte(code: number): this {
    this.reserve(1);
    this.buffer[this.length++] = code;
    return this;
  }

  bytes(source: Uint8Array, start: number, end: number): this {
    this.reserve(end - start);
    // Short copies (a vertex is about 20 bytes) are faster byte by byte than through a subarray.
    const target = this.buffer;
    let at = this.length;
    for (let i = start; i < end; i++) target[at++] = source[i];
    this.length = at;
    return this;
  }

  /** The bytes written (a view: copy it if the writer is reused). */
  result(): Buffer {
    return this.buffer.subarray(0, this.length);
  }
}
