/** @module Finds a payload's charset (BOM, header, <meta>) and decodes it to text, counting bad bytes. */

/** Result of {@link decodeBody}. */
export interface DecodedText {
  text: string;
  /** WHATWG encoding name actually used ("utf-8", "windows-1252", "shift_jis"...). */
  charset: string;
  /** Number of U+FFFD replacement characters produced by undecodable bytes. */
  replacements: number;
  /** True when the bytes look like binary rather than text (the caller should drop the page). */
  garbage: boolean;
}

const META_CHARSET = /<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_.:-]+)/i;

/**
 * Charset named by `<meta charset>` or `<meta http-equiv="Content-Type" content="...charset=...">`
 * in the first 2 KB of an HTML payload, lowercase, or null.
 */
export function sniffMetaCharset(body: Uint8Array): string | null {
  const head = Buffer.from(body.buffer, body.byteOffset, Math.min(body.byteLength, 2048)).toString("latin1");
  const m = META_CHARSET.exec(head);
  return m?.[1] !== undefined ? m[1].toLowerCase() : null;
}

/** Normalises a charset label to its WHATWG encoding name, or null when TextDecoder does not know it. */
export function normalizeCharset(label: string): string | null {
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return null;
  }
}

/**
 * Decodes a body to text. Charset order: byte-order mark, then `headerCharset` (from Content-Type),
 * then (HTML only) a `<meta>` declaration in the first 2 KB, else UTF-8 — and when UTF-8 was only a
 * default and the bytes are not valid UTF-8, windows-1252 (what browsers fall back to).
 * Undecodable bytes become U+FFFD and are counted; `garbage` flags binary payloads (NULs, control bytes).
 * @example
 * decodeBody(Buffer.from([0x63, 0x61, 0x66, 0xe9]), "windows-1252", false).text; // "café"
 */
export function decodeBody(body: Uint8Array, headerCharset: string | null, isHtml: boolean): DecodedText {
  const garbage = looksBinary(body);
  let declared = bomCharset(body);
  if (declared === null && headerCharset !== null) declared = normalizeCharset(headerCharset);
  if (declared === null && isHtml) {
    const meta = sniffMetaCharset(body);
    if (meta !== null) declared = normalizeCharset(meta);
  }
  // A page declaring UTF-16 in a <meta> is ASCII-compatible bytes in practice (HTML spec: use UTF-8).
  if (declared === "utf-16le" || declared === "utf-16be") {
    if (bomCharset(body) === null) declared = "utf-8";
  }
  if (declared !== null) {
    const text = decodeAs(body, declared);
    return { text, charset: declared, replacements: countReplacements(text), garbage };
  }
  const utf8 = new TextDecoder("utf-8").decode(body);
  const bad = countReplacements(utf8);
  if (bad === 0) return { text: utf8, charset: "utf-8", replacements: 0, garbage };
  const text = decodeWindows1252(body);
  return { text, charset: "windows-1252", replacements: countReplacements(text), garbage };
}

/** Decodes with TextDecoder, except windows-1252 (see {@link decodeWindows1252}). */
function decodeAs(body: Uint8Array, encoding: string): string {
  return encoding === "windows-1252" ? decodeWindows1252(body) : new TextDecoder(encoding).decode(body);
}

/** WHATWG windows-1252 code points of bytes 0x80..0x9F (the rest equal their byte value). */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d,
  0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
].map((c) => String.fromCharCode(c));

/**
 * windows-1252 (also what "iso-8859-1", "latin1" and "ascii" labels mean on the web) decoded by hand:
 * Node ≥ 20.18.3 decodes it as plain latin1, turning 0x80..0x9F (€, ’, “, ”...) into C1 controls
 * (nodejs/node#56542, #60888).
 */
export function decodeWindows1252(body: Uint8Array): string {
  const latin1 = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("latin1");
  return latin1.replace(/[\x80-\x9f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80] ?? c);
}

function bomCharset(b: Uint8Array): string | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return "utf-8";
  if (b[0] === 0xfe && b[1] === 0xff) return "utf-16be";
  if (b[0] === 0xff && b[1] === 0xfe) return "utf-16le";
  return null;
}

function countReplacements(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\ufffd"); i >= 0; i = text.indexOf("\ufffd", i + 1)) n++;
  return n;
}

/** True when more than 10% of the first 4 KB are NUL or C0 control bytes (other than tab/CR/LF/FF). */
function looksBinary(b: Uint8Array): boolean {
  const n = Math.min(b.length, 4096);
  if (n === 0) return false;
  if ((b[0] === 0xfe && b[1] === 0xff) || (b[0] === 0xff && b[1] === 0xfe)) return false;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = b[i] ?? 0;
    if (c < 9 || c === 11 || (c > 13 && c < 32 && c !== 27)) bad++;
  }
  return bad * 10 > n;
}
