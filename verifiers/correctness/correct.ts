/** @module `correct`: the type-aware answer check (exact match, or numeric / date match for such golds). */
import type { Params, RewardDefinition, RewardResult } from "../reward.ts";
import { defaultParams, UNIT_RANGE } from "../reward.ts";
import type { Task, Trajectory } from "../../core/index.ts";
import { dateGolds, dateMatch } from "./date-match.ts";
import { exactMatch } from "./exact-match.ts";
import { NUMERIC_MATCH, numericGolds, numericMatch } from "./numeric-match.ts";

/**
 * `max(exact_match, numeric_match if some gold is numeric, date_match if some gold is a date)`:
 * the default correctness reward, strict like exact match but tolerant of number and date formats.
 * `details.by` names the check that gave the score.
 * @example
 * // task.answers = ["1987-03-05"], finalAnswer "March 5, 1987" → 1 (by "date_match")
 */
export function correct(task: Task, trajectory: Trajectory, params: Params = defaultParams(NUMERIC_MATCH.params)): RewardResult {
  const em = exactMatch(task, trajectory);
  if (em.score === 1) return { score: 1, details: { by: "exact_match", ...em.details } };
  if (dateGolds(task).length > 0) {
    const d = dateMatch(task, trajectory);
    if (d.score === 1) return { score: 1, details: { by: "date_match", ...d.details } };
  }
  if (numericGolds(task).length > 0) {
    const n = numericMatch(task, trajectory, params);
    if (n.score === 1) return { score: 1, details: { by: "numeric_match", ...n.details } };
  }
  return { score: 0, details: { by: null, ...em.details } };
}

/** Registry entry for `correct`. */
export const CORRECT: RewardDefinition = {
  name: "correct",
  description: "1 if exact match, or numeric/date match for numeric/date golds; the default correctness reward.",
  range: UNIT_RANGE,
  fn: (task, trajectory, _ctx, params) => correct(task, trajectory, params),
  params: NUMERIC_MATCH.params,
};
