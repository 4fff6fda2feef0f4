/** @module `numeric_match`: one number in the answer equals a numeric gold within tolerance, units converted. */
import type { Params, RewardDefinition, RewardResult } from "../reward.ts";
import { defaultParams, numParam, UNIT_RANGE } from "../reward.ts";
import type { Task, Trajectory } from "../../core/index.ts";
import { answerAndGold } from "./common.ts";
import { extractQuantities, parseGoldQuantity, quantitiesMatch, wordNumber } from "./numbers.ts";
import type { Quantity } from "./numbers.ts";

const PARAMS = {
  rel_tol: { default: 0.01, min: 0, max: 1, description: "Relative tolerance: |a − g| ≤ rel_tol·|g|." },
  abs_tol: { default: 0, min: 0, description: "Absolute tolerance (base units), used when larger." },
} as const;

/** Numeric gold aliases of a task (aliases that state exactly one quantity). */
export function numericGolds(task: Task): Quantity[] {
  return task.answers.map(parseGoldQuantity).filter((q): q is Quantity => q !== null);
}

/**
 * The quantities an answer states, minus values the question already mentions ("in 2010, 5,000
 * people" for a question about 2010 keeps only 5,000). A bare number word ("three") counts.
 */
export function answerQuantities(answer: string, question: string): Quantity[] {
  const qVals = new Set(extractQuantities(question).map((q) => q.value));
  const all = extractQuantities(answer);
  const own = all.filter((q) => !qVals.has(q.value));
  if (own.length > 0) return own;
  if (all.length > 0) return all;
  const w = wordNumber(answer);
  return w === null ? [] : [{ value: w, unit: null, dimension: null, base: w, start: 0, end: answer.length }];
}

/**
 * 1 when the answer states exactly one distinct quantity and it equals some numeric gold within
 * `max(abs_tol, rel_tol·|gold|)` after unit conversion (km ↔ m, km² ↔ ha, kg ↔ t, "3.2 million",
 * "1,234,567", "120k", "45 %"). A unitless answer is read in the gold's unit. Several distinct
 * quantities ("between 5 and 10", "1986 or 1987") score 0 (`multiple_candidates`).
 * Not applicable (0, `details.applicable = false`) when no gold alias is numeric.
 * @example
 * // task.answers = ["3,200,000"], finalAnswer "about 3.2 million" → 1
 * // task.answers = ["5 km"], finalAnswer "5000 m" → 1; "5 kg" → 0 (dimension mismatch)
 */
export function numericMatch(task: Task, trajectory: Trajectory, params: Params = defaultParams(PARAMS)): RewardResult {
  const got = answerAndGold(task, trajectory);
  if ("result" in got) return got.result;
  const golds = numericGolds(task);
  if (golds.length === 0) return { score: 0, details: { applicable: false } };
  const relTol = numParam(params, "rel_tol");
  const absTol = numParam(params, "abs_tol");
  const found = answerQuantities(got.answer, task.question);
  if (found.length === 0) return { score: 0, details: { applicable: true, reason: "no_number" } };
  const first = found[0] as Quantity;
  const rivals = found.filter((q) => !quantitiesMatch(first, q, 1e-9, 0) && !quantitiesMatch(q, first, 1e-9, 0));
  if (rivals.length > 0) {
    return { score: 0, details: { applicable: true, reason: "multiple_candidates", values: found.map((q) => q.value) } };
  }
  const ok = golds.some((g) => quantitiesMatch(g, first, relTol, absTol));
  return { score: ok ? 1 : 0, details: { applicable: true, value: first.value, unit: first.unit } };
}

/** Registry entry for `numeric_match`. */
export const NUMERIC_MATCH: RewardDefinition = {
  name: "numeric_match",
  description: "1 if the answer's single quantity equals a numeric gold within tolerance (units and scale words converted).",
  range: UNIT_RANGE,
  fn: (task, trajectory, _ctx, params) => numericMatch(task, trajectory, params),
  params: PARAMS,
};
