/** @module Where every article and fact of a passage corpus sits: article starts, entity articles, the passage of each fact. */
import { stream } from "../../../core/index.ts";
import type { EntityGraph } from "../entities.ts";
import { ItemRng, streamKey } from "./item-rng.ts";

/** Mean passages per filler article (entity articles have 2–5). */
const MEAN_PASSAGES = 3.25;

/** The article structure of a passage corpus; a pure function of (seed, passages, entity count). */
export interface ArticleLayout {
  /** Total passages. */
  readonly passages: number;
  /** Number of articles. */
  readonly articles: number;
  /** Passage id of article a's first passage; `start[articles] === passages`. */
  readonly start: Int32Array;
  /** Entity id of article a, or -1 for a filler article. */
  readonly entityOf: Int32Array;
  /** Article of entity e, or -1 when the corpus ran out of passages before placing it. */
  readonly articleOf: Int32Array;
}

/** Passages of an entity article (2–5) or a filler article (1–12, mean 3.25), drawn from the article's stream. */
function passageCount(rng: ItemRng, entity: boolean): number {
  if (entity) return 2 + rng.int(4);
  return 1 + rng.int(3) + rng.int(3) + (rng.chance(0.1) ? rng.int(6) : 0);
}

/**
 * Lays out `passages` passages as articles: each article's kind (an entity's article, in a seeded
 * shuffle of the entities, or a filler article) and passage count come from its own stream, so the
 * layout costs one pass of cheap draws (~50 ms per million articles) and every worker process computes
 * the same one. The last article is cut to end exactly at `passages`.
 * @example
 * const layout = buildLayout(1, 10_000, g);
 * layout.start[layout.articleOf[0]!]; // first passage of entity 0's article
 */
export function buildLayout(seed: number, passages: number, g: EntityGraph): ArticleLayout {
  const E = g.entities.length;
  const order = Int32Array.from({ length: E }, (_, i) => i);
  const shuffle = stream(seed, "passages", "entity-order");
  for (let i = E - 1; i > 0; i--) {
    const j = shuffle.int(i + 1);
    const t = order[i] as number;
    order[i] = order[j] as number;
    order[j] = t;
  }
  const estimate = passages / MEAN_PASSAGES;
  const pEntity = Math.min(1, E / (estimate * 0.85));
  const cap = Math.ceil(passages) + 1;
  let start: Int32Array<ArrayBuffer> = new Int32Array(Math.min(cap, Math.ceil(estimate * 1.2) + 16));
  let entityOf: Int32Array<ArrayBuffer> = new Int32Array(start.length);
  const articleOf = new Int32Array(E).fill(-1);
  const rng = new ItemRng();
  const key = streamKey(seed, "layout");
  let at = 0;
  let placed = 0;
  let a = 0;
  while (at < passages) {
    if (a + 1 >= start.length) {
      const grow = (x: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
        const y = new Int32Array(Math.min(cap, x.length * 2));
        y.set(x);
        return y;
      };
      start = grow(start);
      entityOf = grow(entityOf);
    }
    rng.reset(key, a);
    const isEntity = placed < E && rng.next() < pEntity;
    const e = isEntity ? (order[placed++] as number) : -1;
    start[a] = at;
    entityOf[a] = e;
    if (e >= 0) articleOf[e] = a;
    at = Math.min(passages, at + passageCount(rng, isEntity));
    a++;
  }
  start[a] = passages;
  return { passages, articles: a, start: start.slice(0, a + 1), entityOf: entityOf.slice(0, a), articleOf };
}

/** The article holding passage `p` (binary search over `start`). */
export function articleAt(layout: ArticleLayout, p: number): number {
  let lo = 0;
  let hi = layout.articles - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((layout.start[mid] as number) <= p) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Passages of article a. */
export function passagesOf(layout: ArticleLayout, a: number): number {
  return (layout.start[a + 1] as number) - (layout.start[a] as number);
}

/** Index within its article of the passage that holds fact k of m (facts spread evenly, fact 0 in the first passage). */
export function factSlot(k: number, m: number, count: number): number {
  return Math.floor((k * count) / m);
}
