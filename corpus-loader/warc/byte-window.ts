/** @module A growable window over a byte stream: peek ahead, consume from the front, track offsets. */

/**
 * Buffers chunks from an async byte source so parsers can look ahead by arbitrary amounts and
 * consume from the front, while knowing the absolute offset of the first unconsumed byte.
 * Memory holds only what has been pulled and not consumed (a record plus one read chunk).
 * Views returned by {@link ByteWindow.view} are invalidated by the next `pull`: copy what you keep.
 */
export class ByteWindow {
  private readonly source: AsyncIterator<Uint8Array>;
  private data: Buffer = Buffer.alloc(0);
  private lo = 0;
  private hi = 0;
  /** Absolute offset (in the source) of the first unconsumed byte. */
  pos = 0;
  /** True once the source is exhausted. */
  eof = false;

  /** `pos0`: offset in the whole input of the source's first byte (a source that starts mid-file). */
  constructor(source: AsyncIterable<Uint8Array>, pos0 = 0) {
    this.source = source[Symbol.asyncIterator]();
    this.pos = pos0;
  }

  /** Number of buffered, unconsumed bytes. */
  get length(): number {
    return this.hi - this.lo;
  }

  /** The buffered, unconsumed bytes (a view, valid until the next pull). */
  view(): Buffer {
    return this.data.subarray(this.lo, this.hi);
  }

  /** Byte at relative index `i` (undefined past the buffered end). */
  at(i: number): number | undefined {
    return i < this.length ? this.data[this.lo + i] : undefined;
  }

  /** Reads one more chunk from the source; false at end of input. */
  async pull(): Promise<boolean> {
    if (this.eof) return false;
    for (;;) {
      const r = await this.source.next();
      if (r.done === true) {
        this.eof = true;
        return false;
      }
      const chunk = r.value;
      if (chunk.byteLength === 0) continue;
      this.append(chunk);
      return true;
    }
  }

  /** Pulls until at least `n` bytes are buffered; false when the input ends first. */
  async ensure(n: number): Promise<boolean> {
    while (this.length < n) if (!(await this.pull())) return false;
    return true;
  }

  /** Drops `n` bytes from the front. */
  consume(n: number): void {
    const k = Math.min(n, this.length);
    this.lo += k;
    this.pos += k;
    if (this.lo === this.hi) this.lo = this.hi = 0;
  }

  /** Closes the source early (when the consumer stops before the end). */
  async close(): Promise<void> {
    if (!this.eof) {
      this.eof = true;
      await this.source.return?.();
    }
  }

  private append(chunk: Uint8Array): void {
    const len = this.length;
    if (this.hi + chunk.byteLength > this.data.length) {
      const need = len + chunk.byteLength;
      if (need <= this.data.length && len <= this.data.length / 2) {
        this.data.copyWithin(0, this.lo, this.hi);
      } else {
        const next = Buffer.allocUnsafe(Math.max(need, this.data.length * 2, 1 << 16));
        this.data.copy(next, 0, this.lo, this.hi);
        this.data = next;
      }
      this.lo = 0;
      this.hi = len;
    }
    this.data.set(chunk, this.hi);
    this.hi += chunk.byteLength;
  }
}
