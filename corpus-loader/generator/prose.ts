/** @module Filler prose: sentences and paragraphs drawn from the Zipf vocabulary, log-normal lengths. */
import type { Rng } from "../../core/index.ts";
import { fastRng } from "./fast-rng.ts";
import type { Vocabulary } from "./vocabulary.ts";

/** Body length in words: log-normal with the given median (default 380), clamped to [60, 5000]. */
export function bodyWords(rng: Rng, median = 380, sigma = 0.65): number {
  const n = Math.round(Math.exp(Math.log(median) + sigma * rng.normal()));
  return Math.min(5000, Math.max(60, n));
}

/** What to weave into filler prose so pages are topical rather than uniform noise. */
export interface ProseTopic {
  /** Words repeated on this page (bursty terms). */
  words: readonly string[];
  /** Names of entities the page is about; some sentences start with them. */
  mentions: readonly string[];
}

/** Upper-cases the first letter. */
export function capitalise(s: string): string {
  return s.length === 0 ? s : (s[0] as string).toUpperCase() + s.slice(1);
}

/** One filler sentence of `n` words (default 6–22), ending with a period. */
export function sentence(rng: Rng, vocab: Vocabulary, topic: ProseTopic, n = 6 + rng.int(17)): string {
  let out = topic.mentions.length > 0 && rng.chance(0.12) ? `${rng.pick(topic.mentions)} ` : "";
  const comma = n > 6 && rng.chance(0.4) ? 3 + rng.int(n - 5) : -1;
  const nt = topic.words.length;
  const { words } = vocab;
  for (let i = 0; i < n; i++) {
    const u = rng.next();
    // one draw decides topic word vs vocabulary word
    const w = u < 0.05 && nt > 0 ? (topic.words[Math.floor((u / 0.05) * nt)] as string) : (words[vocab.sampleU(u)] as string);
    out += i === comma ? `${w}, ` : i === n - 1 ? w : `${w} `;
  }
  return capitalise(out) + ".";
}

/** About `words` words of prose split into paragraphs of 2–7 sentences. */
export function paragraphs(parent: Rng, vocab: Vocabulary, words: number, topic: ProseTopic): string[] {
  const rng = fastRng(parent);
  const out: string[] = [];
  let left = words;
  while (left > 0) {
    const k = 2 + rng.int(6);
    const sentences: string[] = [];
    for (let i = 0; i < k && left > 0; i++) {
      const n = 6 + rng.int(17);
      left -= n;
      sentences.push(sentence(rng, vocab, topic, n));
    }
    out.push(sentences.join(" "));
  }
  return out;
}

/** A sentence in a small foreign word table, approximately Zipf-distributed by table order. */
export function foreignSentence(rng: Rng, words: readonly string[], mentions: readonly string[]): string {
  const n = 6 + rng.int(14);
  const parts: string[] = [];
  if (mentions.length > 0 && rng.chance(0.15)) parts.push(rng.pick(mentions));
  for (let i = 0; i < n; i++) parts.push(words[Math.floor(words.length * Math.pow(rng.next(), 2.2))] as string);
  return capitalise(parts.join(" ")) + ".";
}
