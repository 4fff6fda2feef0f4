/** @module What page renderers share: the entity graph, the page plan, the vocabulary, and their output shape. */
import { stream } from "../../core/index.ts";
import type { Rng } from "../../core/index.ts";
import type { EntityGraph } from "./entities.ts";
import type { ProseTopic } from "./prose.ts";
import type { SitePlan } from "./site-plan.ts";
import type { Vocabulary } from "./vocabulary.ts";

/** The world a renderer draws from. */
export interface WorldContext {
  seed: number;
  g: EntityGraph;
  plan: SitePlan;
  vocab: Vocabulary;
}

/** One rendered HTTP response. */
export interface RenderedPage {
  status: 200 | 301 | 404;
  html: string;
  /** Absolute Location for redirects, else null. */
  location: string | null;
  lang: string;
}

/** Bursty topic words of an entity (the same on every page about it) plus its name. */
export function topicOf(ctx: WorldContext, id: number, extraMentions: readonly string[] = []): ProseTopic {
  const rng: Rng = stream(ctx.seed, "generator", "topic", id);
  const n = ctx.vocab.words.length;
  const lo = Math.min(200, n - 1);
  const hi = Math.min(5000, n);
  const words: string[] = [];
  for (let i = 0; i < 8; i++) words.push(ctx.vocab.words[lo + rng.int(Math.max(1, hi - lo))] as string);
  const e = ctx.g.entities[id] as { name: string };
  return { words, mentions: [e.name, ...extraMentions] };
}
