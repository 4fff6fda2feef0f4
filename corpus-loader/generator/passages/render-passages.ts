/** @module Renders a range of passages as Search-R1 corpus rows (`{"id": "7", "contents": "\"Title\"\ntext"}`) into byte chunks. */
import type { Entity } from "../entities.ts";
import { capitalise } from "../prose.ts";
import { articleAt, factSlot, passagesOf } from "./article-layout.ts";
import { ByteSink } from "./byte-sink.ts";
import { factsOf } from "./entity-facts.ts";
import { ItemRng } from "./item-rng.ts";
import type { PassageWorld } from "./passage-world.ts";

/** Words of a full passage (the DPR split of wiki-18 cuts articles into 100-word passages). */
export const PASSAGE_WORDS = 100;
const TOPIC_WORDS = 8;
const PLACE_NOUNS = [
  "River",
  "Valley",
  "Harbour",
  "Station",
  "Bridge",
  "Castle",
  "Lake",
  "Island",
  "Church",
  "Railway",
  "Mountain",
  "Forest",
  "Abbey",
  "Square",
];
const QUALIFIERS = ["(album)", "(film)", "(novel)", "(surname)", "(river)", "(band)", "(ship)", "(play)"];
const SPACE = 32;
const COMMA = 44;
const PERIOD = 46;
const LOWER_A = 97;
const LOWER_Z = 122;
/** `{"id": "` */
const ROW_HEAD = Buffer.from('{"id": "');
/** `", "contents": "\"` */
const ROW_MID = Buffer.from('", "contents": "\\"');
/** `\"\n` (the closing quote of the title and the newline, JSON-escaped) */
const TITLE_END = Buffer.from('\\"\\n');
/** `"}` + newline */
const ROW_END = Buffer.from('"}\n');

/** A string as the inside of a JSON string literal. */
function escapeJson(s: string): string {
  return JSON.stringify(s).slice(1, -1);
}

/** What every passage of one article shares. */
interface Article {
  index: number;
  first: number;
  count: number;
  /** JSON-escaped title. */
  title: string;
  /** JSON-escaped name some sentences start with. */
  mention: string;
  topic: Int32Array;
  /** JSON-escaped fact sentences with their word counts and the passage (within the article) of each. */
  facts: Array<{ text: string; words: number; slot: number }>;
}

function fillerTitle(w: PassageWorld, rng: ItemRng): string {
  const words = w.vocab.words;
  const lo = Math.min(300, words.length - 1);
  const base = capitalise(words[lo + rng.int(words.length - lo)] as string);
  const r = rng.next();
  if (r < 0.3) return `${base} ${PLACE_NOUNS[rng.int(PLACE_NOUNS.length)] as string}`;
  if (r < 0.45) return `${base} ${QUALIFIERS[rng.int(QUALIFIERS.length)] as string}`;
  return base;
}

function articleOf(w: PassageWorld, a: number, rng: ItemRng): Article {
  const { layout } = w;
  rng.reset(w.articleKey, a);
  const topic = new Int32Array(TOPIC_WORDS);
  const lo = Math.min(200, w.pool.size - 1);
  const span = Math.max(1, Math.min(5000, w.pool.size) - lo);
  for (let i = 0; i < TOPIC_WORDS; i++) topic[i] = lo + rng.int(span);
  const count = passagesOf(layout, a);
  const first = layout.start[a] as number;
  const e = layout.entityOf[a] as number;
  if (e < 0) {
    const title = escapeJson(fillerTitle(w, rng));
    const paren = title.indexOf(" (");
    return { index: a, first, count, title, mention: paren < 0 ? title : title.slice(0, paren), topic, facts: [] };
  }
  const entity = w.g.entities[e] as Entity;
  const facts = factsOf(w.g, entity);
  return {
    index: a,
    first,
    count,
    title: escapeJson(entity.name),
    mention: escapeJson(entity.name),
    topic,
    facts: facts.map((f, k) => ({ text: escapeJson(f.text), words: f.words, slot: factSlot(k, facts.length, count) })),
  };
}

/** Draws below this (5% of 2^32) pick one of the article's topic words instead of a vocabulary word. */
const TOPIC_CUT = 214_748_365;
/** Maps [TOPIC_CUT, 2^32) onto [0, 2^32). */
const STRETCH = 4294967296 / (4294967296 - TOPIC_CUT);

/** One filler sentence of `n` words: Zipf words, 5% topic words, maybe a comma and a leading mention. */
function sentence(sink: ByteSink, w: PassageWorld, rng: ItemRng, art: Article, n: number): void {
  const { bytes, start, len, slots } = w.pool;
  let cap = true;
  if (rng.chance(0.08)) {
    sink.str(art.mention);
    sink.byte(SPACE);
    cap = false;
  }
  const comma = n > 6 && rng.chance(0.4) ? 3 + rng.int(n - 5) : -1;
  const topic = art.topic;
  const buf = sink.buf;
  let pos = sink.pos;
  for (let i = 0; i < n; i++) {
    const u = rng.u32();
    let r: number;
    if (u < TOPIC_CUT) r = topic[u & 7] as number;
    else {
      // the draws above the cut, stretched back over the whole range, sample the vocabulary
      const v = ((u - TOPIC_CUT) * STRETCH) >>> 0;
      const sl = v >>> 16;
      const lo = slots[sl] as number;
      r = lo + (((v & 0xffff) * ((slots[sl + 1] as number) - lo + 1)) >>> 16);
    }
    let s = start[r] as number;
    const e = s + (len[r] as number);
    if (cap) {
      const c = bytes[s++] as number;
      buf[pos++] = c >= LOWER_A && c <= LOWER_Z ? c - 32 : c;
      cap = false;
    }
    while (s < e) buf[pos++] = bytes[s++] as number;
    if (i === comma) buf[pos++] = COMMA;
    if (i < n - 1) buf[pos++] = SPACE;
  }
  buf[pos++] = PERIOD;
  sink.pos = pos;
}

/** Passage `p` (the `j`-th of its article) as one row. */
function passage(sink: ByteSink, w: PassageWorld, rng: ItemRng, art: Article, p: number): void {
  const j = p - art.first;
  rng.reset(w.textKey, p);
  sink.copy(ROW_HEAD, 0, ROW_HEAD.length);
  sink.int(p);
  sink.copy(ROW_MID, 0, ROW_MID.length);
  sink.str(art.title);
  sink.copy(TITLE_END, 0, TITLE_END.length);
  const target = j < art.count - 1 ? PASSAGE_WORDS : 30 + rng.int(PASSAGE_WORDS - 29);
  let factWords = 0;
  let pending = 0;
  for (const f of art.facts) {
    if (f.slot !== j) continue;
    factWords += f.words;
    pending++;
  }
  let left = target - factWords;
  let k = 0;
  let first = true;
  const nextFact = (): void => {
    while (k < art.facts.length && (art.facts[k] as { slot: number }).slot !== j) k++;
    const f = art.facts[k++] as { text: string };
    if (!first) sink.byte(SPACE);
    sink.str(f.text);
    first = false;
    pending--;
  };
  // the article's first passage opens with its first fact (the entity's introduction)
  if (j === 0 && pending > 0) nextFact();
  while (left > 0 || pending > 0) {
    if (pending > 0 && (left <= 0 || rng.chance(0.35))) {
      nextFact();
      continue;
    }
    const want = 6 + rng.int(17);
    const n = want > left ? Math.max(1, left) : want;
    if (!first) sink.byte(SPACE);
    sentence(sink, w, rng, art, n);
    first = false;
    left -= n;
  }
  sink.copy(ROW_END, 0, ROW_END.length);
}

/**
 * Renders passages `[from, to)` as JSONL rows, yielding ~1 MiB chunks. Every passage's text comes
 * from its own stream and every article's shape from the layout, so a range renders the same bytes
 * whichever process renders it and whatever was rendered before.
 * @example
 * for (const chunk of renderPassages(world, 0, 1000)) process.stdout.write(chunk);
 */
export function* renderPassages(w: PassageWorld, from: number, to: number): Generator<Buffer> {
  const sink = new ByteSink();
  const rng = new ItemRng();
  if (from >= to) return;
  let a = articleAt(w.layout, from);
  let art = articleOf(w, a, rng);
  for (let p = from; p < to; p++) {
    if (p >= (w.layout.start[a + 1] as number)) art = articleOf(w, ++a, rng);
    passage(sink, w, rng, art, p);
    if (sink.full()) yield sink.take();
  }
  if (sink.pos > 0) yield sink.take();
}
