/** @module Inflates exactly one gzip member from a buffer and says how many bytes it used. */
import zlib from "node:zlib";

/** Outcome of {@link inflateGzipMember}. */
export type GzipMemberResult =
  /** `size`: compressed bytes of the member, header and trailer included. */
  | { ok: true; data: Buffer; size: number }
  /** The buffer ends before the member does; call again with more bytes. */
  | { ok: false; needMore: true }
  /** `partial`: for a member cut short by the end of input, what its deflate data inflates to. */
  | { ok: false; needMore: false; error: string; partial?: Buffer };

const FHCRC = 2;
const FEXTRA = 4;
const FNAME = 8;
const FCOMMENT = 16;
const crc32: ((data: Uint8Array) => number) | undefined =
  typeof (zlib as { crc32?: unknown }).crc32 === "function" ? (zlib as unknown as { crc32: (d: Uint8Array) => number }).crc32 : undefined;

/** True when `buf` starts (at `i`) with the gzip magic and deflate method (1f 8b 08). */
export function isGzipMagic(buf: Uint8Array, i = 0): boolean {
  return buf[i] === 0x1f && buf[i + 1] === 0x8b && buf[i + 2] === 0x08;
}

/**
 * Decodes the gzip member at the start of `buf` (RFC 1952): parses the header itself, inflates the
 * raw deflate body (zlib stops at the end of the deflate stream and reports the input it used),
 * then checks the trailer's CRC-32 and length. Unlike `gunzip`, it never runs on into the next member.
 * @param buf Bytes starting at the member; may hold more members after it.
 * A member cut short by the end of input (a clipped file) is an error carrying `partial`, the bytes its
 * deflate data gives up to the cut, so a reader can keep the records (or the record start) in it.
 * @param atEof True when no more bytes will come (so a short buffer is a truncation, not a wait).
 * @param maxOutput Largest decompressed size accepted (guards against gzip bombs).
 */
export function inflateGzipMember(buf: Buffer, atEof: boolean, maxOutput: number): GzipMemberResult {
  const more = (what: string): GzipMemberResult =>
    atEof ? { ok: false, needMore: false, error: `truncated gzip member (${what})` } : { ok: false, needMore: true };
  if (buf.length < 10) return more("header");
  if (!isGzipMagic(buf)) return { ok: false, needMore: false, error: "no gzip magic" };
  const flags = buf[3] ?? 0;
  if ((flags & 0xe0) !== 0) return { ok: false, needMore: false, error: "reserved gzip flag bits set" };
  let p = 10;
  if (flags & FEXTRA) {
    if (buf.length < p + 2) return more("header");
    p += 2 + buf.readUInt16LE(p);
  }
  for (const f of [FNAME, FCOMMENT]) {
    if (flags & f) {
      const z = buf.indexOf(0, p);
      if (z < 0) return more("header");
      p = z + 1;
    }
  }
  if (flags & FHCRC) p += 2;
  if (buf.length < p) return more("header");
  const cut = (what: string): GzipMemberResult => {
    if (!atEof) return { ok: false, needMore: true };
    const error = `truncated gzip member (${what})`;
    try {
      const partial = zlib.inflateRawSync(buf.subarray(p), { finishFlush: zlib.constants.Z_SYNC_FLUSH, maxOutputLength: maxOutput });
      return { ok: false, needMore: false, error, partial };
    } catch {
      return { ok: false, needMore: false, error };
    }
  };
  let data: Buffer;
  let used: number;
  try {
    const r = zlib.inflateRawSync(buf.subarray(p), { info: true, maxOutputLength: maxOutput }) as unknown as {
      buffer: Buffer;
      engine: { bytesWritten: number };
    };
    data = r.buffer;
    used = r.engine.bytesWritten;
  } catch (err) {
    const e = err as { code?: string; message?: string };
    if (e.code === "Z_BUF_ERROR") return cut("deflate data");
    if (e.code === "ERR_BUFFER_TOO_LARGE") {
      return { ok: false, needMore: false, error: `member inflates to more than ${maxOutput} bytes` };
    }
    return { ok: false, needMore: false, error: `inflate failed: ${e.message ?? String(err)}` };
  }
  const t = p + used;
  if (buf.length < t + 8) return atEof ? { ok: false, needMore: false, error: "truncated gzip member (trailer)", partial: data } : more("trailer");
  const wantLen = buf.readUInt32LE(t + 4);
  if (wantLen !== data.length % 0x100000000) {
    return { ok: false, needMore: false, error: `gzip length mismatch (${data.length} vs trailer ${wantLen})` };
  }
  if (crc32 !== undefined && crc32(data) >>> 0 !== buf.readUInt32LE(t)) {
    return { ok: false, needMore: false, error: "gzip CRC-32 mismatch" };
  }
  return { ok: true, data, size: t + 8 };
}
