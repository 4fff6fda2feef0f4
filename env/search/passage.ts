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
    if ((c === 32 || c === 9) && ".!?".includes(text[i - 1] as string)) return i + 1;
  }
  return at - WINDOW_CHARS <= 0 ? 0 : at;
}

const WORD = /\S+/g;

/**
 * {@link PASSAGE_WORDS} words from the word at or after `start`, moved back when the text ends
 * sooner so the passage still has that many words when the page does.
 */
function wordsFrom(text: string, start: number): string {
  const from = Math.max(0, start - PASSAGE_MAX_CHARS * 2);
  const to = Math.min(text.length, start + PASSAGE_MAX_CHARS * 2);
  const slice = text.slice(from, to);
  const words: { s: number; w: string }[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(slice); m !== null; m = WORD.exec(slice)) words.push({ s: from + m.index, w: m[0] });
  let i0 = words.findIndex((x) => x.s >= start || x.s + x.w.length > start);
  if (i0 < 0) i0 = words.length;
  if (to === text.length) i0 = Math.max(0, Math.min(i0, words.length - PASSAGE_WORDS));
  // a word cut by `from` (the slice starts mid-word) is not taken
  if (i0 === 0 && from > 0 && /\S/.test(text[from - 1] ?? " ")) i0 = 1;
  let out = "";
  for (let i = i0; i < words.length && i < i0 + PASSAGE_WORDS; i++) {
    const word = (words[i] as { w: string }).w;
    const next = out === "" ? word : `${out} ${word}`;
    if (next.length > PASSAGE_MAX_CHARS) {
      if (out === "") out = word.slice(0, PASSAGE_MAX_CHARS);
      break;
    }
    out = next;
  }
  return out;
}
