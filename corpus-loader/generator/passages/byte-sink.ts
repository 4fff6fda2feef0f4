/** @module A growing byte buffer cut into chunks: rows are written in place and handed out a chunk at a time. */

/** Bytes per chunk handed to the file writer. */
const CHUNK = 1 << 20;
/** Room kept free at the end of a chunk for one more row (rows are far smaller). */
const SLACK = 64 << 10;

/**
 * Writes bytes and strings into a 1 MiB buffer; `full()` says when to take the chunk. The hot path
 * (`byte`, `copy`) writes into the buffer directly, with no per-write allocation.
 */
export class ByteSink {
  buf: Buffer = Buffer.allocUnsafe(CHUNK);
  pos = 0;

  /** One byte. */
  byte(b: number): void {
    this.buf[this.pos++] = b;
  }

  /** Bytes `src[from, from + len)`. */
  copy(src: Uint8Array, from: number, len: number): void {
    const buf = this.buf;
    let p = this.pos;
    for (let i = from, end = from + len; i < end; i++) buf[p++] = src[i] as number;
    this.pos = p;
  }

  /** A string as UTF-8 (the caller has JSON-escaped it). */
  str(s: string): void {
    this.pos += this.buf.write(s, this.pos, "utf8");
  }

  /** A non-negative integer in decimal. */
  int(n: number): void {
    this.pos += this.buf.write(String(n), this.pos, "latin1");
  }

  /** True when the chunk should be taken before the next row. */
  full(): boolean {
    return this.pos > CHUNK - SLACK;
  }

  /** The bytes written so far (a view, no copy); a fresh buffer takes over. */
  take(): Buffer {
    const out = this.buf.subarray(0, this.pos);
    this.buf = Buffer.allocUnsafe(CHUNK);
    this.pos = 0;
    return out;
  }
}
