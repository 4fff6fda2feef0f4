/**
 * The best-passage extractor: its one-pass word window against the word-list algorithm it replaced
 * (kept here as the reference, with one fix: a window's first word is skipped only when the window
 * really cuts it), on random texts with every kind of whitespace, and its passage shape on real pages.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PASSAGE_MAX_CHARS, PASSAGE_WORDS, bestPassage } from "../../../env/search/index.ts";
import { findMatches } from "../../../env/search/snippet.ts";

const WINDOW_CHARS = 600;
const REPEAT_WEIGHT = 0.1;

/** The reference: the earlier implementation (a regex word list over ±2 × PASSAGE_MAX_CHARS). */
function referencePassage(text: string, terms: readonly string[], stem: boolean): string {
  const matches = terms.length > 0 ? findMatches(text, terms, { stem }, 20_000) : [];
  if (matches.length === 0) return referenceWords(text, 0);
  const counts = new Map<number, number>();
  let sum = 0;
  let best = -1;
  let bestI = 0;
  let bestJ = 0;
  let j = 0;
  for (let i = 0; i < matches.length; i++) {
    while (j < matches.length && matches[j]!.e - matches[i]!.s <= WINDOW_CHARS) {
      const t = matches[j]!.term;
      const c = counts.get(t) ?? 0;
      sum += c === 0 ? 1 : REPEAT_WEIGHT;
      counts.set(t, c + 1);
      j++;
    }
    if (sum > best + 1e-9) {
      best = sum;
      bestI = i;
      bestJ = j - 1;
    }
    const t = matches[i]!.term;
    const c = (counts.get(t) ?? 1) - 1;
    sum -= c === 0 ? 1 : REPEAT_WEIGHT;
    if (c === 0) counts.delete(t);
    else counts.set(t, c);
  }
  const ms = matches[bestI]!.s;
  const me = matches[bestJ]!.e;
  let start = Math.max(0, ms - Math.floor((WINDOW_CHARS - (me - ms)) / 2));
  let sentence: number;
  for (let i = ms - 1; ; i--) {
    if (!(i > 0 && i > ms - WINDOW_CHARS)) {
      sentence = ms - WINDOW_CHARS <= 0 ? 0 : ms;
      break;
    }
    const ch = text.charCodeAt(i);
    if (ch === 10 || ((ch === 32 || ch === 9) && ".!?".includes(text[i - 1] as string))) {
      sentence = i + 1;
      break;
    }
  }
  if (sentence <= ms && sentence >= ms - WINDOW_CHARS / 2) start = sentence;
  return referenceWords(text, start);
}

function referenceWords(text: string, start: number): string {
  const from = Math.max(0, start - PASSAGE_MAX_CHARS * 2);
  const to = Math.min(text.length, start + PASSAGE_MAX_CHARS * 2);
  const slice = text.slice(from, to);
  const words: { s: number; w: string }[] = [];
  for (const m of slice.matchAll(/\S+/g)) words.push({ s: from + m.index, w: m[0] });
  let i0 = words.findIndex((x) => x.s >= start || x.s + x.w.length > start);
  if (i0 < 0) i0 = words.length;
  if (to === text.length) i0 = Math.max(0, Math.min(i0, words.length - PASSAGE_WORDS));
  // the fix: only a word the window really cuts (it starts at `from`, mid-word) is skipped
  if (i0 === 0 && from > 0 && /\S/.test(text[from - 1] ?? " ") && words[0]?.s === from) i0 = 1;
  let out = "";
  for (let i = i0; i < words.length && i < i0 + PASSAGE_WORDS; i++) {
    const word = words[i]!.w;
    const next = out === "" ? word : `${out} ${word}`;
    if (next.length > PASSAGE_MAX_CHARS) {
      if (out === "") out = word.slice(0, PASSAGE_MAX_CHARS);
      break;
    }
    out = next;
  }
  return out;
}

const VOCAB = ["vexa", "corp", "founded", "history", "river", "the", "of", "1987", "Ünïcode", "naïve", "x", "supercalifragilistic".repeat(40)];
const SPACES = [" ", " ", " ", "\n", "\t", "\u00a0", "\u2003", "\u3000", "\ufeff", "\r\n", "   ", ". ", "! ", "? "];

const textArb = fc
  .array(fc.tuple(fc.constantFrom(...VOCAB), fc.constantFrom(...SPACES)), { minLength: 0, maxLength: 1500 })
  .map((parts) => parts.map(([w, s]) => w + s).join(""));

describe("bestPassage", () => {
  it("equals the word-list reference on random texts, terms and sizes", () => {
    fc.assert(
      fc.property(textArb, fc.subarray(["vexa", "corp", "found", "histori", "river", "1987", "naïv"]), fc.boolean(), (text, terms, stem) => {
        expect(bestPassage(text, terms, { stem })).toBe(referencePassage(text, terms, stem));
      }),
      { numRuns: 1500 },
    );
  });

  it("gives at most PASSAGE_WORDS words and PASSAGE_MAX_CHARS characters, whitespace collapsed", () => {
    fc.assert(
      fc.property(textArb, (text) => {
        const p = bestPassage(text, ["river"], { stem: false });
        expect(p.length).toBeLessThanOrEqual(PASSAGE_MAX_CHARS);
        expect(p.split(" ").filter((w) => w !== "").length).toBeLessThanOrEqual(PASSAGE_WORDS);
        expect(p).not.toMatch(/\s\s|^\s|\s$/);
      }),
      { numRuns: 500 },
    );
  });

  it("takes the last PASSAGE_WORDS words when the match is near the end of a long page", () => {
    const words = Array.from({ length: 400 }, (_x, i) => `w${i}`);
    words[395] = "river";
    const p = bestPassage(words.join(" "), ["river"], { stem: false }).split(" ");
    expect(p).toHaveLength(PASSAGE_WORDS);
    expect(p.at(-1)).toBe("w399");
    expect(p).toContain("river");
  });

  it("skips a word the window's start cuts, and keeps a whole one right after it", () => {
    // the window starts 2 × PASSAGE_MAX_CHARS before "river": inside the b-run in the first text, on the space after it in the second
    const cut = `${"b".repeat(700)} keep${" ".repeat(2295)}river end`;
    expect(bestPassage(cut, ["river"], { stem: false })).toBe("keep river end");
    const whole = `${"b".repeat(601)} keep${" ".repeat(2395)}river end`;
    expect(whole.indexOf("river") - 2 * PASSAGE_MAX_CHARS).toBe(601);
    expect(bestPassage(whole, ["river"], { stem: false })).toBe("keep river end");
    const inside = `${"b".repeat(3001)}${" ".repeat(3)}river end`;
    expect(bestPassage(inside, ["river"], { stem: false })).toBe("river end");
  });
});
