/** @module `date_match`: the answer's date equals a date gold at the gold's precision. */
import type { RewardDefinition, RewardResult } from "../reward.ts";
import { UNIT_RANGE } from "../reward.ts";
import type { Task, Trajectory } from "../../core/index.ts";
import { answerAndGold } from "./common.ts";
import { dateKey, findDates, parseGoldDate, precision } from "./dates.ts";
import type { PartialDate } from "./dates.ts";

/** Date gold aliases of a task. */
export function dateGolds(task: Task): PartialDate[] {
  return task.answers.map(parseGoldDate).filter((d): d is PartialDate => d !== null);
}

/**
 * 1 when the answer states a date at least as precise as a gold date and equal to it at the gold's
 * precision, and states no rival date; formats: ISO `1987-03-05`, `March 5, 1987`, `5 March 1987`,
 * `March 1987`, `1987`. A year-only gold accepts a full date in that year; a full-date gold does
 * not accept a year alone. Dates the question mentions are ignored. A rival date ("1986 or 1987",
 * or any date incompatible with the gold at its own precision) gives 0 (`multiple_candidates`).
 * Not applicable (0, `details.applicable = false`) when no gold alias is a date.
 * @example
 * // task.answers = ["1987-03-05"], finalAnswer "5 March 1987" → 1; "1987" → 0
 * // task.answers = ["1987"], finalAnswer "March 5, 1987" → 1
 */
export function dateMatch(task: Task, trajectory: Trajectory): RewardResult {
  const got = answerAndGold(task, trajectory);
  if ("result" in got) return got.result;
  const golds = dateGolds(task);
  if (golds.length === 0) return { score: 0, details: { applicable: false } };
  const inQuestion = new Set(findDates(task.question).map((d) => dateKey(d, precision(d))));
  const dates = findDates(got.answer).filter((d) => !inQuestion.has(dateKey(d, precision(d))));
  if (dates.length === 0) return { score: 0, details: { applicable: true, reason: "no_date" } };
  const shown = dates.map((d) => dateKey(d, precision(d)));
  for (const gold of golds) {
    const pg = precision(gold);
    const hit = dates.some((d) => precision(d) >= pg && dateKey(d, pg) === dateKey(gold, pg));
    if (!hit) continue;
    const rival = dates.some((d) => {
      const p = Math.min(precision(d), pg) as 1 | 2 | 3;
      return dateKey(d, p) !== dateKey(gold, p);
    });
    if (rival) return { score: 0, details: { applicable: true, reason: "multiple_candidates", dates: shown } };
    return { score: 1, details: { applicable: true, dates: shown, matched: dateKey(gold, pg) } };
  }
  return { score: 0, details: { applicable: true, dates: shown } };
}

/** Registry entry for `date_match`. */
export const DATE_MATCH: RewardDefinition = {
  name: "date_match",
  description: "1 if the answer's date equals a date gold at the gold's precision (ISO, 'March 5, 1987', '5 March 1987', year).",
  range: UNIT_RANGE,
  fn: (task, trajectory) => dateMatch(task, trajectory),
  params: {},
};
