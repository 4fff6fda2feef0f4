/** @module A compact append-once column of strings: UTF-8 bytes in a few large Buffers plus offsets. */

/** Default size of one byte chunk (entries never straddle chunks; a larger entry gets its own). */
const DEFAULT_CHUNK_BYTES = 64 * 1024 * 1024;

/**
 * Read-only column of strings stored as UTF-8 outside the V8 heap. Entry `i` lives in one chunk;
 * `ends[i]` is its end offset inside that chunk and it starts where entry `i-1` ended (or at 0 when
 * it is the first entry of its chunk). Costs 4 bytes of offsets per entry plus the bytes.
 */
export class StringColumn {
  /** Number of entries. */
  readonly length: number;
  private readonly chunks: Buffer[];
  /** Index of the first entry of each chunk (ascending, `chunkFirst[0] === 0`). */
  private readonly chunkFirst: Int32Array;
  private readonly ends: Uint32Array;

  /** Use {@link StringColumnBuilder}. */
  constructor(chunks: Buffer[], chunkFirst: Int32Array, ends: Uint32Array, length: number) {
    this.chunks = chunks;
    this.chunkFirst = chunkFirst;
    this.ends = ends;
    this.length = length;
  }

  /** Entry `i` as a string ("" when out of range). */
  get(i: number): string {
    const b = this.bytes(i);
    return b.length === 0 ? "" : b.toString("utf8");
  }

  /** Entry `i` as UTF-8 bytes, without copying (a view into the chunk; do not modify). */
  bytes(i: number): Buffer {
    if (!(i >= 0 && i < this.length)) return EMPTY;
    const c = this.chunkOf(i);
    const chunk = this.chunks[c] as Buffer;
    const start = i === this.chunkFirst[c] ? 0 : (this.ends[i - 1] as number);
    return chunk.subarray(start, this.ends[i] as number);
  }

  /** Byte length of entry `i`. */
  byteLength(i: number): number {
    return this.bytes(i).length;
  }

  /** Bytes held: chunk bytes plus offsets. */
  memoryBytes(): number {
    let n = this.ends.byteLength + this.chunkFirst.byteLength;
    for (const c of this.chunks) n += c.length;
    return n;
  }

  private chunkOf(i: number): number {
    const first = this.chunkFirst;
    let lo = 0;
    let hi = first.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((first[mid] as number) <= i) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

const EMPTY = Buffer.alloc(0);

/**
 * Builds a {@link StringColumn} by appending strings in order.
 * @example
 * const b = new StringColumnBuilder(); b.push("a"); b.push("héllo");
 * const col = b.finish(); col.get(1); // "héllo"
 */
export class StringColumnBuilder {
  private readonly chunkBytes: number;
  private readonly chunks: Buffer[] = [];
  private readonly chunkFirst: number[] = [];
  private ends: Uint32Array;
  private count = 0;
  private current: Buffer | null = null;
  private pos = 0;

  /** @param expected Expected number of entries (grows as needed). */
  constructor(expected = 1024, chunkBytes = DEFAULT_CHUNK_BYTES) {
    this.ends = new Uint32Array(Math.max(16, expected));
    this.chunkBytes = chunkBytes;
  }

  /** Appends one entry. */
  push(s: string): void {
    if (this.count === this.ends.length) {
      const grown = new Uint32Array(this.ends.length * 2);
      grown.set(this.ends);
      this.ends = grown;
    }
    // s.length * 3 bounds the UTF-8 size of a UTF-16 string; measure exactly only when close
    let need = s.length * 3;
    if (this.current === null || this.pos + need > this.current.length) {
      need = Buffer.byteLength(s, "utf8");
      if (this.current === null || this.pos + need > this.current.length) this.newChunk(need);
    }
    const cur = this.current as Buffer;
    this.pos += need === 0 ? 0 : cur.write(s, this.pos, "utf8");
    this.ends[this.count++] = this.pos;
  }

  /** Number of entries pushed so far. */
  get length(): number {
    return this.count;
  }

  /** Freezes the column (the builder must not be used afterwards). */
  finish(): StringColumn {
    this.sealCurrent();
    if (this.chunks.length === 0) {
      this.chunks.push(Buffer.alloc(0));
      this.chunkFirst.push(0);
    }
    return new StringColumn(this.chunks, Int32Array.from(this.chunkFirst), this.ends.slice(0, this.count), this.count);
  }

  private newChunk(need: number): void {
    this.sealCurrent();
    this.current = Buffer.allocUnsafeSlow(Math.max(this.chunkBytes, need));
    this.pos = 0;
    this.chunkFirst.push(this.count);
  }

  /** Shrinks the current chunk to its used bytes (copy, so the slack is freed). */
  private sealCurrent(): void {
    if (this.current === null) return;
    const used = Buffer.allocUnsafeSlow(this.pos);
    this.current.copy(used, 0, 0, this.pos);
    this.chunks.push(used);
    this.current = null;
  }
}
