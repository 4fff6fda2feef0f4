/** @module Query-biased snippets with **highlighted** terms, from a bounded scan of the page text. */
import { foldWord, scanWords, wordTerms, type TokenizerOptions } from "./tokenizer.ts";

/** Longest snippet, in characters, markers and ellipses included. */
export const SNIPPET_MAX_CHARS = 300;
/** Only this prefix of a page is scanned for query terms (bounded work per hit). */
export const SNIPPET_SCAN_CHARS = 20_000;

interface Match {
  s: number;
  e: number;
  term: number;
}

/**
 * Every word of the first `scanChars` characters of `text` that yields one of `terms` (index into
 * `terms`), in text order: what a full `scanWords` + `foldWord` + `wordTerms` pass finds, from
 * candidate words only.
 */
export function findMatches(text: string, terms: readonly string[], opts: TokenizerOptions, scanChars: number): Match[] {
  const index = new Map<string, number>();
  terms.forEach((t, i) => index.set(t, i));
  const out: Match[] = [];
  let hit = -1;
  const check = (t: string): void => {
    if (hit < 0) hit = index.get(t) ?? -1;
  };
  const testWord = (s: number, e: number, word: string): void => {
    hit = -1;
    wordTerms(word, opts, check);
    if (hit >= 0) out.push({ s, e, term: hit });
  };
  const n = Math.min(scanChars, text.length);
  const prefix = text.length > n ? text.slice(0, n) : text;
  const lower = prefix.toLowerCase();
  if (lower.length !== prefix.length) {
    // lower-casing expanded a character (e.g. U+0130): offsets no longer align, scan every word
    scanWords(text, (s, e) => testWord(s, e, foldWord(text.slice(s, e))), true, scanChars);
    return out;
  }
  // Candidate words instead of every word: (1) words holding a non-ASCII character (folding may change
  // them arbitrarily), (2) words with an occurrence of a term's probe prefix at a word or `_`-part start:
  // in an all-ASCII word folding is lower-casing and stemming rewrites suffixes only, so every term of such
  // a word starts with its probe there. Each candidate is then checked exactly as a full scan would.
  const starts = new Set<number>();
  NON_ASCII_G.lastIndex = 0;
  for (let m = NON_ASCII_G.exec(prefix); m !== null; m = NON_ASCII_G.exec(prefix)) {
    if (isWordAt(text, m.index)) starts.add(wordStart(text, m.index));
  }
  for (const probe of new Set(terms.map((t) => t.slice(0, probeLength(t, opts))))) {
    if (probe === "") continue;
    for (let i = lower.indexOf(probe); i >= 0; i = lower.indexOf(probe, i + 1)) {
      // a term starts a word or an identifier part; a non-ASCII word character before i makes the
      // word a non-ASCII candidate already
      if (isWordAt(text, i - 1)) continue;
      starts.add(wordStart(text, i));
    }
  }
  for (const s of [...starts].sort((a, b) => a - b)) {
    if (!isWordAt(text, s)) continue;
    const e = wordEnd(text, s, n);
    const raw = text.slice(s, e);
    testWord(s, e, NON_ASCII.test(raw) ? foldWord(raw) : lower.slice(s, e));
  }
  return out;
}

const NON_ASCII = /[^\x00-\x7f]/;
const NON_ASCII_G = /[^\x00-\x7f]/g;
/** A word character of raw text (`scanWords(raw=true)` rules: letters, digits, combining marks). */
const WORD_CHAR_RAW = /[\p{L}\p{N}\p{M}]/u;

/**
 * Length of the prefix every word with term `t` contains: Porter stemming rewrites at most the last
 * three characters of a stem relative to its word (e.g. `ational` → `ate`, `y` → `i`, an added `e`),
 * so a stem's first `length - 3` characters (at least 2, at most 4) start each matching word.
 */
export function probeLength(t: string, opts: TokenizerOptions): number {
  const keep = opts.stem ? t.length - 3 : t.length;
  return Math.max(2, Math.min(4, keep));
}

function isAsciiAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Whether the character at i is a word character (ASCII letters/digits, or non-ASCII letters, digits, marks). */
function isWordAt(t: string, i: number): boolean {
  if (i < 0 || i >= t.length) return false;
  const c = t.charCodeAt(i);
  return c < 128 ? isAsciiAlnum(c) : WORD_CHAR_RAW.test(t[i] as string);
}

/** Start of the word containing position i (the tokenizer's rules: `_` inside identifiers, `.` between digits). */
function wordStart(t: string, i: number): number {
  let s = i;
  while (s > 0) {
    const c = t.charCodeAt(s - 1);
    if (isWordAt(t, s - 1)) s--;
    else if (c === 95 && isWordAt(t, s - 2) && isWordAt(t, s)) s--;
    else if (c === 46 && s >= 2 && isDigit(t.charCodeAt(s - 2)) && isDigit(t.charCodeAt(s))) s--;
    else break;
  }
  return s;
}

/** End of the word starting at s, scanning no further than n (same rules as `scanWords`). */
function wordEnd(t: string, s: number, n: number): number {
  let i = s + 1;
  while (i < n) {
    const c = t.charCodeAt(i);
    if (isWordAt(t, i)) i++;
    else if (c === 95 && i + 1 < n && isWordAt(t, i + 1)) i++;
    else if (c === 46 && i + 1 < n && isDigit(t.charCodeAt(i - 1)) && isDigit(t.charCodeAt(i + 1))) i++;
    else break;
  }
  return i;
}

function clean(s: string): string {
  return s.replace(/\s+/g, " ");
}

/**
 * `clean(text.slice(from, to))`, or, when that is longer than `room`, a string of the same first
 * `room + 1` characters at least, computed from a bounded slice: the cleaned form of a prefix is a
 * prefix of the cleaned whole, so long gaps between matches cost O(room), not O(gap).
 */
function cleanSpan(text: string, from: number, to: number, room: number): string {
  for (let take = Math.min(to, from + 2 * room + 64); ; take = Math.min(to, from + 2 * (take - from))) {
    const c = clean(text.slice(from, take));
    if (take === to || c.length > room) return c;
  }
}

/**
 * Builds a snippet of at most `maxChars` characters around the densest cluster of query terms
 * (most distinct terms, then most matches) in the first `SNIPPET_SCAN_CHARS` of `text`; each match
 * is wrapped in `**…**`. Without matches, returns the start of the text.
 * @example
 * makeSnippet("Python 3.11 adds faster CPython.", ["3.11"], { stem: false }); // "Python **3.11** adds faster CPython."
 */
export function makeSnippet(text: string, terms: readonly string[], opts: TokenizerOptions, maxChars = SNIPPET_MAX_CHARS): string {
  const budget = Math.max(20, maxChars);
  const matches = terms.length > 0 ? findMatches(text, terms, opts, SNIPPET_SCAN_CHARS) : [];
  let start = 0;
  let first = 0;
  if (matches.length > 0) {
    let best = -1;
    const counts = new Map<number, number>();
    let j = 0;
    for (let i = 0; i < matches.length; i++) {
      while (j < matches.length && (matches[j] as Match).e - (matches[i] as Match).s <= budget * 0.6) {
        const t = (matches[j] as Match).term;
        counts.set(t, (counts.get(t) ?? 0) + 1);
        j++;
      }
      const score = counts.size * 1000 + (j - i);
      if (score > best) {
        best = score;
        first = i;
      }
      const t = (matches[i] as Match).term;
      const c = (counts.get(t) ?? 1) - 1;
      if (c === 0) counts.delete(t);
      else counts.set(t, c);
    }
    const ms = (matches[first] as Match).s;
    start = Math.max(0, ms - 40);
    const sp = text.lastIndexOf(" ", ms);
    if (start > 0 && sp > start) start = sp + 1;
    else if (start > 0) start = ms;
  }
  let out = start > 0 ? "…" : "";
  let pos = start;
  const limit = budget - 1; // keep room for a trailing ellipsis
  const addPlain = (from: number, to: number): boolean => {
    const c = cleanSpan(text, from, to, limit - out.length);
    if (out.length + c.length <= limit) {
      out += c;
      return true;
    }
    let cut = c.slice(0, Math.max(0, limit - out.length));
    const sp = cut.lastIndexOf(" ");
    if (sp > 0) cut = cut.slice(0, sp);
    out += cut;
    return false;
  };
  let complete = true;
  for (let i = first; i < matches.length; i++) {
    const m = matches[i] as Match;
    if (m.s < pos) continue;
    if (!addPlain(pos, m.s)) {
      complete = false;
      break;
    }
    const marked = "**" + text.slice(m.s, m.e) + "**";
    if (out.length + marked.length > limit) {
      complete = false;
      break;
    }
    out += marked;
    pos = m.e;
  }
  if (complete) complete = addPlain(pos, Math.min(text.length, pos + budget * 2)) && pos + budget * 2 >= text.length;
  out = out.trimEnd();
  if (!complete) out += "…";
  return out;
}
