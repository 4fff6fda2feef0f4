/** @module The one tokeniser shared by the index build, queries, phrase checks and snippets. */
import { porterStem } from "./porter-stemmer.ts";
import { STOPWORDS } from "./stopwords.ts";

/** Options of the tokeniser; the index records them in `meta` and queries must use the same. */
export interface TokenizerOptions {
  /** Apply the Porter stemmer to purely alphabetic tokens. */
  stem: boolean;
}

/** Tokens longer than this (after folding) are dropped; their position still counts. */
export const MAX_TOKEN_LENGTH = 64;

const NON_ASCII = /[^\x00-\x7f]/;
const NON_ASCII_RUN = /[^\x00-\x7f]+/g;
const COMBINING = /\p{M}+/gu;
const SHARP_S = /ß/g;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const WORD_CHAR_RAW = /[\p{L}\p{N}\p{M}]/u;

// ASCII class table: 1 = letter, 2 = digit.
const ASCII_CLASS = new Uint8Array(128);
for (let c = 48; c <= 57; c++) ASCII_CLASS[c] = 2;
for (let c = 65; c <= 90; c++) ASCII_CLASS[c] = 1;
for (let c = 97; c <= 122; c++) ASCII_CLASS[c] = 1;

const stemCache = new Map<string, string>();
const STEM_CACHE_MAX = 200_000;

/**
 * Folds text the way the index does: Unicode NFKC, lower case, then diacritics removed
 * (NFD and combining marks stripped). ASCII input takes a fast path.
 * @example
 * foldText("Ｃafé ＮAÏVE"); // "cafe naive"
 */
export function foldText(text: string): string {
  const lower = text.toLowerCase();
  if (!NON_ASCII.test(lower)) return lower;
  return lower.replace(NON_ASCII_RUN, foldRun);
}

/** Folds a run of non-ASCII characters (ASCII neighbours are unaffected by NFKC/NFD folding). */
function foldRun(run: string): string {
  let t = run.normalize("NFKC").toLowerCase().replace(SHARP_S, "ss");
  if (NON_ASCII.test(t)) t = t.normalize("NFD").replace(COMBINING, "").normalize("NFC");
  return t;
}

function isWordCode(text: string, i: number, code: number, raw: boolean): boolean {
  if (code < 128) return ASCII_CLASS[code] !== 0;
  return (raw ? WORD_CHAR_RAW : WORD_CHAR).test(text[i] as string);
}

function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * Calls `onWord(start, end)` for every raw word of `text`: runs of letters/digits, with `_` kept
 * inside identifiers (`pbkdf2_hmac`) and `.` kept between digits (`3.11`). Works on folded or raw
 * text (`raw` also accepts combining marks as word characters, for spans in the original text).
 */
export function scanWords(text: string, onWord: (start: number, end: number) => void, raw = false, limit = text.length): void {
  const n = Math.min(limit, text.length);
  let i = 0;
  while (i < n) {
    let code = text.charCodeAt(i);
    if (!isWordCode(text, i, code, raw)) {
      i++;
      continue;
    }
    const start = i;
    i++;
    while (i < n) {
      code = text.charCodeAt(i);
      if (isWordCode(text, i, code, raw)) {
        i++;
      } else if (code === 95 /* _ */ && i + 1 < n && isWordCode(text, i + 1, text.charCodeAt(i + 1), raw)) {
        i++;
      } else if (code === 46 /* . */ && i + 1 < n && isDigitCode(text.charCodeAt(i - 1)) && isDigitCode(text.charCodeAt(i + 1))) {
        i++;
      } else break;
    }
    onWord(start, i);
  }
}

function stemWord(w: string): string {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c < 97 || c > 122) return w; // digits, '_', '.', non-ASCII: not stemmed
  }
  return cachedStem(w);
}

/** Stem of a lower-case a–z word, or "" for a stopword (one map lookup on the hot path). */
function cachedStem(w: string): string {
  let s = stemCache.get(w);
  if (s === undefined) {
    s = STOPWORDS.has(w) ? "" : porterStem(w);
    if (stemCache.size >= STEM_CACHE_MAX) stemCache.clear();
    stemCache.set(w, s);
  }
  return s;
}

/**
 * Turns one already-folded word into index terms: drops stopwords and over-long words, stems when
 * asked, and for `_`-identifiers also yields each part. Calls `emit(term, offset)` where `offset`
 * is the position relative to the word; returns how many positions the word occupies.
 */
export function wordTerms(word: string, opts: TokenizerOptions, emit: (term: string, offset: number) => void): number {
  if (word.indexOf("_") < 0) {
    if (word.length <= MAX_TOKEN_LENGTH && !STOPWORDS.has(word)) emit(opts.stem ? stemWord(word) : word, 0);
    return 1;
  }
  const parts = word.split("_");
  if (word.length <= MAX_TOKEN_LENGTH) emit(word, 0);
  let off = 0;
  for (const p of parts) {
    if (p.length === 0) continue;
    if (p.length <= MAX_TOKEN_LENGTH && !STOPWORDS.has(p)) emit(opts.stem ? stemWord(p) : p, off);
    off++;
  }
  return Math.max(off, 1);
}

/**
 * Calls `onToken(term, position)` for every index term of `text`. Positions count stopwords, so a
 * phrase keeps its gaps; identifier parts take consecutive positions (the whole identifier shares
 * the first part's position).
 */
export function forEachToken(text: string, opts: TokenizerOptions, onToken: (term: string, pos: number) => void): void {
  const folded = foldText(text);
  let pos = 0;
  const emit = (term: string, off: number): void => onToken(term, pos + off);
  scanWords(folded, (s, e) => {
    pos += wordTerms(folded.slice(s, e), opts, emit);
  });
}

/**
 * Calls `onWord(start, end, alpha, under)` for every word of already-folded text `t`, with the
 * word boundaries `tokenize` uses: `alpha` when the word is all a–z, `under` when it holds a `_`.
 * Pass each word to `wordTokens` to get its terms (the index build caches that per distinct word).
 */
export function scanTokenWords(t: string, onWord: (start: number, end: number, alpha: boolean, under: boolean) => void): void {
  const n = t.length;
  let i = 0;
  while (i < n) {
    let code = t.charCodeAt(i);
    if (code < 128 ? ASCII_CLASS[code] === 0 : !WORD_CHAR.test(t[i] as string)) {
      i++;
      continue;
    }
    const start = i;
    let alpha = code >= 97 && code <= 122;
    let under = false;
    i++;
    while (i < n) {
      code = t.charCodeAt(i);
      if (code < 128) {
        const cls = ASCII_CLASS[code];
        if (cls === 1) {
          i++;
          continue;
        }
        if (cls === 2) {
          alpha = false;
          i++;
          continue;
        }
        if (code === 95 && i + 1 < n && isWordCode(t, i + 1, t.charCodeAt(i + 1), false)) {
          under = true;
          alpha = false;
          i++;
          continue;
        }
        if (code === 46 && i + 1 < n && isDigitCode(t.charCodeAt(i - 1)) && isDigitCode(t.charCodeAt(i + 1))) {
          alpha = false;
          i++;
          continue;
        }
        break;
      }
      if (!WORD_CHAR.test(t[i] as string)) break;
      alpha = false;
      i++;
    }
    onWord(start, i, alpha, under);
  }
}

/**
 * Appends the index terms of one word found by `scanTokenWords` (with its `alpha` and `under`
 * flags) to `out`: stopwords and over-long words dropped, stemmed when asked, `_`-identifiers
 * followed by their parts.
 */
export function wordTokens(word: string, alpha: boolean, under: boolean, opts: TokenizerOptions, out: string[]): void {
  if (under) {
    wordTerms(word, opts, (term) => {
      out.push(term);
    });
  } else if (word.length <= MAX_TOKEN_LENGTH) {
    if (opts.stem && alpha) {
      const term = cachedStem(word);
      if (term !== "") out.push(term);
    } else if (!STOPWORDS.has(word)) out.push(word);
  }
}

/**
 * Tokenises text into index terms (in order, with repeats). Same terms as `forEachToken`, in a
 * single allocation-light loop.
 * @example
 * tokenize("The hashlib.pbkdf2_hmac() of Python 3.11", { stem: false });
 * // ["hashlib", "pbkdf2_hmac", "pbkdf2", "hmac", "python", "3.11"]
 */
export function tokenize(text: string, opts: TokenizerOptions, out: string[] = []): string[] {
  const t = foldText(text);
  scanTokenWords(t, (start, end, alpha, under) => wordTokens(t.slice(start, end), alpha, under, opts, out));
  return out;
}

/** Folds one raw word (a `scanWords(raw=true)` span) the same way `foldText` folds whole texts. */
export function foldWord(word: string): string {
  return foldText(word);
}
