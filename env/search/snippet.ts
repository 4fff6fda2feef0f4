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

function findMatches(text: string, terms: readonly string[], opts: TokenizerOptions, scanChars: number): Match[] {
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
  if (!NON_ASCII.test(text.length > n ? text.slice(0, n) : text)) {
    // ASCII text: find candidate words with native indexOf on the first two letters of each term
    // (folding is lower-casing, and stemming rewrites suffixes only), then check each candidate
    // word exactly as the full scan would.
    const lower = (text.length > n ? text.slice(0, n) : text).toLowerCase();
    const starts = new Set<number>();
    for (const probe of new Set(terms.map((t) => t.slice(0, probeLength(t, opts))))) {
      if (probe === "") continue;
      for (let i = lower.indexOf(probe); i >= 0; i = lower.indexOf(probe, i + 1)) starts.add(wordStart(lower, i));
    }
    // ASCII folding is lower-casing (NFKC leaves ASCII alone), so candidate words skip foldWord.
    for (const s of [...starts].sort((a, b) => a - b)) {
      if (!inWord(lower, s)) continue;
      const e = wordEnd(lower, s, n);
      testWord(s, e, lower.slice(s, e));
    }
    return out;
  }
  scanWords(text, (s, e) => testWord(s, e, foldWord(text.slice(s, e))), true, scanChars);
  return out;
}

const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Length of the prefix every word with term `t` contains: Porter stemming rewrites at most the last
 * three characters of a stem relative to its word (e.g. `ational` → `ate`, `y` → `i`, an added `e`),
 * so a stem's first `length - 3` characters (at least 2, at most 4) start each matching word.
 */
export function probeLength(t: string, opts: TokenizerOptions): number {
  const keep = opts.stem ? t.length - 3 : t.length;
  return Math.max(2, Math.min(4, keep));
}

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Start of the word containing position i (the tokenizer's rules: `_` inside identifiers, `.` between digits). */
function wordStart(t: string, i: number): number {
  let s = i;
  while (s > 0) {
    const c = t.charCodeAt(s - 1);
    if (isAlnum(c)) s--;
    else if (c === 95 && s >= 2 && isAlnum(t.charCodeAt(s - 2)) && isAlnum(t.charCodeAt(s))) s--;
    else if (c === 46 && s >= 2 && isDigit(t.charCodeAt(s - 2)) && isDigit(t.charCodeAt(s))) s--;
    else break;
  }
  return s;
}

function inWord(t: string, s: number): boolean {
  return s < t.length && isAlnum(t.charCodeAt(s));
}

/** End of the word starting at s (same rules as `scanWords`). */
function wordEnd(t: string, s: number, n: number): number {
  let i = s + 1;
  while (i < n) {
    const c = t.charCodeAt(i);
    if (isAlnum(c)) i++;
    else if (c === 95 && i + 1 < n && isAlnum(t.charCodeAt(i + 1))) i++;
    else if (c === 46 && i + 1 < n && isDigit(t.charCodeAt(i - 1)) && isDigit(t.charCodeAt(i + 1))) i++;
    else break;
  }
  return i;
}

function clean(s: string): string {
  return s.replace(/\s+/g, " ");
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
  const addPlain = (s: string): boolean => {
    const c = clean(s);
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
    if (!addPlain(text.slice(pos, m.s))) {
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
  if (complete) complete = addPlain(text.slice(pos, Math.min(text.length, pos + budget * 2))) && pos + budget * 2 >= text.length;
  out = out.trimEnd();
  if (!complete) out += "…";
  return out;
}
