/** @module `f1`: SQuAD token F1 between the answer and the best gold alias. */
import { answerTokens } from "../normalize.ts";
import type { RewardDefinition, RewardResult } from "../reward.ts";
import { UNIT_RANGE } from "../reward.ts";
import type { Task, Trajectory } from "../../core/index.ts";
import { answerAndGold } from "./common.ts";

/**
 * SQuAD token F1 of two strings after `normalizeAnswer`: with `c` = size of the multiset
 * intersection, `P = c/|pred|`, `R = c/|gold|`, `F1 = 2PR/(P+R)` (0 when `c = 0`).
 * @example tokenF1("the Eiffel tower in Paris", "Eiffel Tower") // P = 2/4, R = 1 → 0.667
 */
export function tokenF1(prediction: string, gold: string): number {
  const p = answerTokens(prediction);
  const g = answerTokens(gold);
  if (p.length === 0 || g.length === 0) return p.length === g.length ? 1 : 0;
  const counts = new Map<string, number>();
  for (const t of g) counts.set(t, (counts.get(t) ?? 0) + 1);
  let common = 0;
  for (const t of p) {
    const c = counts.get(t) ?? 0;
    if (c > 0) {
      common++;
      counts.set(t, c - 1);
    }
  }
  if (common === 0) return 0;
  const precision = common / p.length;
  const recall = common / g.length;
  return (2 * precision * recall) / (precision + recall);
}

/** Max token F1 over gold aliases (0 without an answer). */
export function f1Reward(task: Task, trajectory: Trajectory): RewardResult {
  const got = answerAndGold(task, trajectory);
  if ("result" in got) return got.result;
  let best = 0;
  let matched: string | null = null;
  for (const g of got.golds) {
    const f = tokenF1(got.answer, g);
    if (f > best) [best, matched] = [f, g];
  }
  return { score: best, details: { matched } };
}

/** Registry entry for `f1`. */
export const F1: RewardDefinition = {
  name: "f1",
  description: "SQuAD token F1 (max over gold aliases), in [0, 1]; long or stuffed answers lose precision.",
  range: UNIT_RANGE,
  fn: (task, trajectory) => f1Reward(task, trajectory),
  params: {},
};
