/**
 * @module The best-matching passage of a page: about 100 words (the size of Search-R1's wiki-18
 * passages) around the window of the text holding the most query-term weight.
 */
import { findMatches } from "./snippet.ts";
import type { TokenizerOptions } from "./tokenizer.ts";

/** Words in a passage (wiki-18, Search-R1's corpus, is cut into 100-word passages). */
export const PASSAGE_WORDS = 100;
/** Longest passage in characters (a page of very long tokens is cut at a space before it). */
export const PASSAGE_MAX_CHARS = 1200;
/** Only this prefix of a page is scanned for query terms (bounded work per result). */
export const PASSAGE_SCAN_CHARS = 20_000;
/** Character span of the window whose term weight is maximised (~100 words of English). */
const WINDOW_CHARS = 600;
/** A repeated term adds this fraction of its weight again: distinct terms count first. */
const REPEAT_WEIGHT = 0.1;

/**
 * The passage of `text` (≤ {@link PASSAGE_WORDS} whitespace-separated words, ≤ {@link PASSAGE_MAX_CHARS}
 * characters, whitespace collapsed to single spaces) whose window holds the most query-term weight:
 * each distinct term of `terms` found in the window adds `weights[i]` (default 1), each repeat a tenth
 * of it. Starts at a sentence start when one is near, and takes the first words when no term matches.
 * @example
 * bestPassage(page.text, ["vexa", "found"], { stem: true }, [2.1, 0.7]); // "Vexa Corp was founded in 1987 ..."
 */
export function bestPassage(text: string, terms: readonly string[], opts: TokenizerOptions, weights?: readonly number[]): string {
  const matches = terms.length > 0 ? findMatches(text, terms, opts, PASSAGE_SCAN_CHARS) : [];
  if (matches.length === 0) return wordsFrom(text, 0);
  const w = (t: number): number => weights?.[t] ?? 1;
  const counts = new Map<number, number>();
  let sum = 0;
  let best = -1;
  let bestI = 0;
  let bestJ = 0;
  let j = 0;
  for (let i = 0; i < matches.length; i++) {
    while (j < matches.length && (matches[j] as { e: number }).e - (matches[i] as { s: number }).s <= WINDOW_CHARS) {
      const t = (matches[j] as { term: number }).term;
      const c = counts.get(t) ?? 0;
      sum += c === 0 ? w(t) : w(t) * REPEAT_WEIGHT;
      counts.set(t, c + 1);
      j++;
    }
    if (sum > best + 1e-9) {
      best = sum;
      bestI = i;
      bestJ = j - 1;
    }
    const t = (matches[i] as { term: number }).term;
    const c = (counts.get(t) ?? 1) - 1;
    sum -= c === 0 ? w(t) : w(t) * REPEAT_WEIGHT;
    if (c === 0) counts.delete(t);
    else counts.set(t, c);
  }
  const ms = (matches[bestI] as { s: number }).s;
  const me = (matches[bestJ] as { e: number }).e;
  // centre the matched span in the window, then prefer the start of the sentence holding the first match
  let start = Math.max(0, ms - Math.floor((WINDOW_CHARS - (me - ms)) / 2));
  const sentence = sentenceStart(text, ms);
  if (sentence <= ms && sentence >= ms - WINDOW_CHARS / 2) start = sentence;
  return wordsFrom(text, start);
}

/** Start of the sentence holding offset `at` (after the last `. `, `! `, `? ` or newline before it), or 0. */
function sentenceStart(text: string, at: number): number {
  for (let i = at - 1; i > 0 && i > at - WINDOW_CHARS; i--) {
    const c = text.charCodeAt(i);
    if (c === 10) return i + 1;
    if (c === 32 || c === 9) {
      const p = text.charCodeAt(i - 1);
      if (p === 46 || p === 33 || p === 63) return i + 1;
    }
  }
  return at - WINDOW_CHARS <= 0 ? 0 : at;
}

/** Whether UTF-16 unit `c` is whitespace as JavaScript's `\s` defines it (so words are `\S+` runs). */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return (
    c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/**
 * {@link PASSAGE_WORDS} words from the word at or after `start`, moved back when the text ends
 * sooner so the passage still has that many words when the page does. Words are looked for within
 * {@link PASSAGE_MAX_CHARS} × 2 characters either side of `start`; a word cut by that window's start is
 * not taken, one cut by its end is taken as cut. One pass over the characters, no word list.
 */
function wordsFrom(text: string, start: number): string {
  const from = Math.max(0, start - PASSAGE_MAX_CHARS * 2);
  const to = Math.min(text.length, start + PASSAGE_MAX_CHARS * 2);
  // the first word at or after `start`, or the one holding it (it begins at `from` at the earliest)
  let ws = Math.min(start, to);
  if (ws < to && !isSpace(text.charCodeAt(ws))) {
    while (ws > from && !isSpace(text.charCodeAt(ws - 1))) ws--;
  } else {
    while (ws < to && isSpace(text.charCodeAt(ws))) ws++;
  }
  if (to === text.length) {
    // count the words left; short of PASSAGE_WORDS, step back over earlier words (not before `from`)
    let left = 0;
    for (let i = ws; i < to && left < PASSAGE_WORDS;) {
      while (i < to && !isSpace(text.charCodeAt(i))) i++;
      left++;
      while (i < to && isSpace(text.charCodeAt(i))) i++;
    }
    for (let i = ws; left < PASSAGE_WORDS;) {
      while (i > from && isSpace(text.charCodeAt(i - 1))) i--;
      if (i <= from) break;
      while (i > from && !isSpace(text.charCodeAt(i - 1))) i--;
      ws = i;
      left++;
    }
  }
  // a word cut by `from` (the window starts mid-word) is not taken when it is the window's first word
  if (from > 0 && !isSpace(text.charCodeAt(from - 1))) {
    let first = from;
    while (first < to && isSpace(text.charCodeAt(first))) first++;
    if (first === ws && first === from) {
      while (ws < to && !isSpace(text.charCodeAt(ws))) ws++;
      while (ws < to && isSpace(text.charCodeAt(ws))) ws++;
    }
  }
  let out = "";
  for (let i = ws, n = 0; i < to && n < PASSAGE_WORDS; n++) {
    const s = i;
    while (i < to && !isSpace(text.charCodeAt(i))) i++;
    const len = out.length === 0 ? i - s : out.length + 1 + (i - s);
    if (len > PASSAGE_MAX_CHARS) {
      if (out === "") out = text.slice(s, s + PASSAGE_MAX_CHARS);
      break;
    }
    out = out.length === 0 ? text.slice(s, i) : `${out} ${text.slice(s, i)}`;
    while (i < to && isSpace(text.charCodeAt(i))) i++;
  }
  return out;
}
