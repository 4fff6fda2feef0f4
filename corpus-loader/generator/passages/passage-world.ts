/** @module What every passage renderer (main process or worker) rebuilds from the seed: entities, vocabulary, layout, stream keys. */
import { buildEntities } from "../entities.ts";
import type { EntityGraph } from "../entities.ts";
import { buildVocabulary } from "../vocabulary.ts";
import type { Vocabulary } from "../vocabulary.ts";
import { buildLayout, type ArticleLayout } from "./article-layout.ts";
import { streamKey } from "./item-rng.ts";
import { wordPool, type WordPool } from "./word-pool.ts";

/** Most entities a passage corpus draws (building the graph is superlinear: ~8 s at this size). */
export const MAX_PASSAGE_ENTITIES = 200_000;

/** The seeded structure a passage corpus is rendered from. */
export interface PassageWorld {
  readonly seed: number;
  readonly g: EntityGraph;
  readonly vocab: Vocabulary;
  readonly pool: WordPool;
  readonly layout: ArticleLayout;
  /** Key of the per-passage text streams. */
  readonly textKey: number;
  /** Key of the per-article streams (titles, topic words). */
  readonly articleKey: number;
}

/** Entities of a corpus of `passages` passages: one per 12 passages, between 30 and {@link MAX_PASSAGE_ENTITIES}. */
export function passageEntityCount(passages: number): number {
  return Math.max(30, Math.min(MAX_PASSAGE_ENTITIES, Math.round(passages / 12)));
}

/** Vocabulary size of a corpus of `passages` passages (5,000 to 100,000 words). */
export function passageVocabularySize(passages: number): number {
  return Math.min(100_000, Math.max(5_000, 3_000 + Math.round(passages / 10)));
}

/**
 * Builds the passage world: the same entity graph the web world uses (at the passage corpus's
 * size), a Zipf vocabulary as a byte pool, and the article layout. A pure function of its arguments.
 * @example
 * const w = buildPassageWorld(1, 100_000);
 * w.layout.articles; // ≈ 31,000
 */
export function buildPassageWorld(seed: number, passages: number): PassageWorld {
  const g = buildEntities(seed, passageEntityCount(passages));
  const vocab = buildVocabulary(seed, passageVocabularySize(passages));
  return {
    seed,
    g,
    vocab,
    pool: wordPool(vocab),
    layout: buildLayout(seed, passages, g),
    textKey: streamKey(seed, "text"),
    articleKey: streamKey(seed, "article"),
  };
}
