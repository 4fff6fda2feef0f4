/** @module Finds the next WARC record in a buffer of (decompressed) bytes, tolerating what real writers get wrong. */
import type { SkipReason } from "../types.ts";
import { PARTIAL_VERSION_LINE, WarcHeaders, findHeaderEnd, findVersionLine, parseHeaderBlock, skipBreaks, versionLineAt } from "./warc-headers.ts";

/** A record as a splitter finds it (the reader adds the offset). */
export interface SplitRecord {
  /** Version from the first line: "1.0", "1.1", "0.18"; "ARC/1" or "ARC/2" for ARC records. */
  version: string;
  /** WARC-Type, lowercased; "unknown"-like values are kept as they are. */
  type: string;
  headers: WarcHeaders;
  /** The record block: `Content-Length` bytes, or fewer when `truncated`. */
  block: Buffer;
  /** True when the input ended before `Content-Length` bytes of block (the block holds what there was). */
  truncated: boolean;
}

/**
 * One step of splitting, positions relative to the buffer:
 * - `record`: a record from `start`; resume at `next`. `shortBy` > 0 when Content-Length ended that many
 *   bytes before the next record (the bytes in between are reported as bad, the record kept).
 * - `skip`: an unusable record from `start`; resume at `next` (the next record start found, or as far
 *   as the bytes go).
 * - `garbage`: bytes that are not a record, `start` to `next`; `done` false when the buffer ended
 *   before the next record start (more garbage may follow).
 * - `more`: more bytes are needed (the buffer is `final: false`); `from` is where the record starts,
 *   `need` how many bytes from the buffer start would do.
 * - `end`: only line breaks are left.
 */
export type SplitStep =
  | { kind: "record"; record: SplitRecord; start: number; next: number; shortBy: number }
  | { kind: "skip"; reason: SkipReason; message: string; start: number; next: number }
  | { kind: "garbage"; start: number; next: number; done: boolean }
  | { kind: "more"; from: number; need: number }
  | { kind: "end" };

/** Options of a split step. */
export interface SplitOptions {
  /** True when no byte will follow the buffer. */
  final: boolean;
  /** Largest block accepted. */
  max: number;
  /**
   * Bytes wanted after a block before judging where it ends (plain streams: enough to see the next
   * version line; gzip members: 0, the member end is a record end).
   */
  lookahead: number;
}

/** A record format's splitter: finds the next record, and tells whether bytes start one. */
export interface RecordSplitter {
  next(buf: Buffer, p: number, o: SplitOptions): SplitStep;
  /** True when a record starts at `p` (after line breaks): a gzip member that does not is a continuation. */
  startsRecord(buf: Buffer, p: number): boolean;
}

/** Largest WARC header block looked at. */
export const MAX_HEADER_BYTES = 1024 * 1024;
/** Bytes kept back when garbage runs to the buffer end: a version line may start in them. */
const TAIL_KEEP = 64;

/**
 * The WARC splitter. Lenient where writers are wrong but the data is right: WARC/0.18 to 1.1, any line
 * breaks (CRLF, LF, CR CR LF), a record followed by two, one or no line breaks before the next
 * `WARC/` line. Where Content-Length does not end at a record boundary: a record start inside the
 * block means it is too long (the record is skipped, reading resumes there); otherwise it is too short
 * and the record is kept with its Content-Length bytes (warcio and pywb do the same), the bytes up to
 * the next record reported. Input that ends inside a block gives the record `truncated`, unless a
 * record starts inside what is there.
 */
export const warcSplitter: RecordSplitter = {
  startsRecord(buf, p) {
    const i = skipBreaks(buf, p);
    return i < buf.length && versionLineAt(buf, i) !== -1;
  },

  next(buf, p0, o) {
    const len = buf.length;
    const p = skipBreaks(buf, p0);
    if (p >= len) return o.final ? { kind: "end" } : { kind: "more", from: p, need: len + 1 };
    const v = versionLineAt(buf, p);
    if (v === PARTIAL_VERSION_LINE && !o.final) return { kind: "more", from: p, need: len + 1 };
    if (v < 0) return garbage(buf, p, o.final);

    const headEnd = findHeaderEnd(buf, p, Math.min(len, p + MAX_HEADER_BYTES));
    if (headEnd < 0) {
      if (!o.final && len - p < MAX_HEADER_BYTES) return { kind: "more", from: p, need: len + 1 };
      return resync(buf, "missing_header", "WARC header block does not end with a blank line", p, v, o.final);
    }
    const { firstLine, headers } = parseHeaderBlock(buf, p, headEnd);
    const cl = headers.get("content-length");
    const length = cl !== undefined && /^\d{1,15}$/.test(cl) ? Number(cl) : null;
    if (length === null) return resync(buf, "missing_header", "record has no valid Content-Length header", p, headEnd, o.final);
    if (length > o.max) {
      return resync(buf, "bad_content_length", `Content-Length ${length} is larger than the ${o.max}-byte limit`, p, headEnd, o.final);
    }
    const blockEnd = headEnd + length;
    if (!o.final && len < blockEnd + o.lookahead) return { kind: "more", from: p, need: blockEnd + o.lookahead };
    const t = headers.get("warc-type");
    const type = t === undefined || t === "" ? null : t.toLowerCase();
    const make = (end: number, truncated: boolean): SplitRecord => ({
      version: firstLine.slice(5),
      type: type ?? "",
      headers,
      block: buf.subarray(headEnd, end),
      truncated,
    });

    // the next record's version line inside the declared block: skip to it
    const overrun = (q: number): SplitStep => ({
      kind: "skip",
      reason: "bad_content_length",
      message: `Content-Length ${length} runs past the end of the record into the next one`,
      start: p,
      next: q,
    });
    if (blockEnd > len) {
      const q = findVersionLine(buf, headEnd, len, true);
      if (q >= 0) {
        return overrun(q);
      }
      if (type === null) return { kind: "skip", reason: "missing_header", message: "record has no WARC-Type header", start: p, next: len };
      return { kind: "record", record: make(len, true), start: p, next: len, shortBy: 0 };
    }
    const e = skipBreaks(buf, blockEnd);
    let next = e;
    let shortBy = 0;
    // a broken version line right after the block is a bad next record, not the tail of this one
    if (e < len && versionLineAt(buf, e) === -1 && !startsWarc(buf, e)) {
      const q = findVersionLine(buf, headEnd, blockEnd, true);
      if (q >= 0) {
        return overrun(q);
      }
      const r = findVersionLine(buf, blockEnd, len);
      if (r < 0 && !o.final) return { kind: "more", from: p, need: Math.max(len + 1, blockEnd + 64 * 1024) };
      next = r < 0 ? len : r;
      let k = next;
      while (k > blockEnd && (buf[k - 1] === 0x0a || buf[k - 1] === 0x0d)) k--;
      shortBy = k - e;
    }
    if (type === null) return { kind: "skip", reason: "missing_header", message: "record has no WARC-Type header", start: p, next };
    return { kind: "record", record: make(blockEnd, false), start: p, next, shortBy };
  },
};

function startsWarc(buf: Buffer, i: number): boolean {
  return buf[i] === 0x57 && buf[i + 1] === 0x41 && buf[i + 2] === 0x52 && buf[i + 3] === 0x43 && buf[i + 4] === 0x2f;
}

/** Garbage from `p` up to the next version line (or the buffer end, keeping a tail that may hold one). */
export function garbage(buf: Buffer, p: number, final: boolean): SplitStep {
  const q = findVersionLine(buf, p + 1);
  if (q >= 0) return { kind: "garbage", start: p, next: q, done: true };
  if (final) return { kind: "garbage", start: p, next: buf.length, done: true };
  return { kind: "garbage", start: p, next: Math.max(p, buf.length - TAIL_KEEP), done: false };
}

/** A skip of the record at `p`, resuming at the next version line from `from`. */
function resync(buf: Buffer, reason: SkipReason, message: string, p: number, from: number, final: boolean): SplitStep {
  const q = findVersionLine(buf, from);
  const next = q >= 0 ? q : final ? buf.length : Math.max(from, buf.length - TAIL_KEEP);
  return { kind: "skip", reason, message, start: p, next };
}
