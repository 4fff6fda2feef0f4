/** @module `exact_match`: normalised answer equals any gold alias (Search-R1 `em_check`). */
import { normalizeAnswer } from "../normalize.ts";
import type { RewardDefinition, RewardResult } from "../reward.ts";
import { UNIT_RANGE } from "../reward.ts";
import type { Task, Trajectory } from "../../core/index.ts";
import { answerAndGold } from "./common.ts";

/**
 * 1 when `normalizeAnswer(answer) === normalizeAnswer(alias)` for some gold alias, else 0.
 * Lists, echoes and stuffed answers never equal a gold, so equality needs no further guards.
 * @example
 * // task.answers = ["Eiffel Tower"], trajectory.finalAnswer = "the eiffel tower."
 * exactMatch(task, trajectory).score // 1
 */
export function exactMatch(task: Task, trajectory: Trajectory): RewardResult {
  const got = answerAndGold(task, trajectory);
  if ("result" in got) return got.result;
  const norm = normalizeAnswer(got.answer);
  const matched = got.golds.find((g) => normalizeAnswer(g) === norm) ?? null;
  return { score: matched === null ? 0 : 1, details: { normalized: norm, matched } };
}

/** Registry entry for `exact_match`. */
export const EXACT_MATCH: RewardDefinition = {
  name: "exact_match",
  description: "1 if the normalised final answer equals a normalised gold alias, else 0.",
  range: UNIT_RANGE,
  fn: (task, trajectory) => exactMatch(task, trajectory),
  params: {},
};
