/** @module WARC header blocks: finding their end and parsing them into a case-insensitive map. */

/** Case-insensitive, read-only header map (names are stored lowercased; repeated names keep the first value). */
export class WarcHeaders {
  private readonly map = new Map<string, string>();

  /** Value of header `name` (any case), or undefined. */
  get(name: string): string | undefined {
    return this.map.get(name.toLowerCase());
  }

  /** True when header `name` (any case) is present. */
  has(name: string): boolean {
    return this.map.has(name.toLowerCase());
  }

  /** Sets a header unless it is already present (first occurrence wins). */
  add(name: string, value: string): void {
    const k = name.toLowerCase();
    if (!this.map.has(k)) this.map.set(k, value);
  }

  /** All headers as [lowercased name, value] pairs, in file order. */
  entries(): IterableIterator<[string, string]> {
    return this.map.entries();
  }
}

/**
 * Index just past the blank line that ends a header block starting at `from`, or -1 when `buf` holds
 * no blank line there. A line break is LF with any CRs before it (CRLF, LF and the CR CR LF of files
 * that went through a text-mode CRLF conversion), so CRLF CRLF, LF LF, CRCRLF CRCRLF and mixes end a block.
 */
export function findHeaderEnd(buf: Uint8Array, from: number, limit = buf.length): number {
  let i = from;
  for (;;) {
    const nl = buf.indexOf(0x0a, i);
    if (nl < 0 || nl >= limit) return -1;
    let j = nl + 1;
    while (buf[j] === 0x0d) j++;
    if (buf[j] === 0x0a) return j + 1;
    if (j >= buf.length) return -1;
    i = nl + 1;
  }
}

/** A parsed header block: the version line and the fields. */
export interface ParsedHeaderBlock {
  /** First line, e.g. "WARC/1.1" or "HTTP/1.0 200 OK". */
  firstLine: string;
  headers: WarcHeaders;
}

/**
 * Parses `Name: value` lines (continuation lines folded in) from `buf[start, end)`, decoded as UTF-8.
 * Lines without a colon are ignored.
 */
export function parseHeaderBlock(buf: Uint8Array, start: number, end: number): ParsedHeaderBlock {
  const text = Buffer.from(buf.buffer, buf.byteOffset + start, end - start).toString("utf8");
  const lines = text.split("\n");
  const headers = new WarcHeaders();
  let firstLine = "";
  let lastName: string | null = null;
  let lastValue = "";
  const flush = (): void => {
    if (lastName !== null) headers.add(lastName, lastValue.trim());
    lastName = null;
  };
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i] ?? "";
    while (line.endsWith("\r")) line = line.slice(0, -1);
    if (i === 0) {
      firstLine = line.trim();
      continue;
    }
    if (line === "") continue;
    const c0 = line.charCodeAt(0);
    if ((c0 === 32 || c0 === 9) && lastName !== null) {
      lastValue += " " + line.trim();
      continue;
    }
    flush();
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    lastName = line.slice(0, colon).trim();
    lastValue = line.slice(colon + 1);
  }
  flush();
  return { firstLine, headers };
}

/** First index at or after `i` that is not CR or LF. */
export function skipBreaks(buf: Uint8Array, i: number): number {
  let p = i;
  while (buf[p] === 0x0a || buf[p] === 0x0d) p++;
  return p;
}

/** What {@link versionLineAt} found: the index after the line, or NOT / PARTIAL. */
export const NOT_VERSION_LINE = -1;
/** The bytes at the index could start a version line, but the buffer ends first. */
export const PARTIAL_VERSION_LINE = -2;

/**
 * Whether `buf` holds a WARC version line at `i`: `WARC/<digits>.<digits>` (1.0, 1.1, ClueWeb09's 0.18),
 * optional spaces or CRs, LF. Returns the index just past the LF, {@link NOT_VERSION_LINE}, or
 * {@link PARTIAL_VERSION_LINE} when the buffer ends before it can tell.
 */
export function versionLineAt(buf: Uint8Array, i: number): number {
  const n = buf.length;
  for (let k = 0; k < 5; k++) {
    if (i + k >= n) return PARTIAL_VERSION_LINE;
    if (buf[i + k] !== WARC_SLASH[k]) return NOT_VERSION_LINE;
  }
  let p = i + 5;
  const digits = (): number => {
    const s = p;
    while (p < n && p - s < 4 && (buf[p] ?? 0) >= 0x30 && (buf[p] ?? 0) <= 0x39) p++;
    return p - s;
  };
  if (digits() === 0) return p >= n ? PARTIAL_VERSION_LINE : NOT_VERSION_LINE;
  if (p >= n) return PARTIAL_VERSION_LINE;
  if (buf[p] !== 0x2e) return NOT_VERSION_LINE;
  p++;
  if (digits() === 0) return p >= n ? PARTIAL_VERSION_LINE : NOT_VERSION_LINE;
  while (p < n && p - i < 32 && (buf[p] === 0x20 || buf[p] === 0x09 || buf[p] === 0x0d)) p++;
  if (p >= n) return PARTIAL_VERSION_LINE;
  return buf[p] === 0x0a ? p + 1 : NOT_VERSION_LINE;
}

const WARC_SLASH = [0x57, 0x41, 0x52, 0x43, 0x2f];
const WARC_SLASH_BUF = Buffer.from("WARC/");

/**
 * Index of the next complete WARC version line in `buf[from, to)`, or -1. With `lineStart`, only a
 * version line at the start of a line counts (used to spot a record start inside a block).
 */
export function findVersionLine(buf: Buffer, from: number, to = buf.length, lineStart = false): number {
  let i = from;
  for (;;) {
    i = buf.indexOf(WARC_SLASH_BUF, i);
    if (i < 0 || i >= to) return -1;
    if ((!lineStart || i === 0 || buf[i - 1] === 0x0a) && versionLineAt(buf, i) >= 0) return i;
    i++;
  }
}
