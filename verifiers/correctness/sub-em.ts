/** @module `sub_em`: the answer contains a gold alias, with anti-hacking guards (Search-R1 `subem_check`). */
import type { Params, RewardDefinition, RewardResult } from "../reward.ts";
import { defaultParams, numParam, UNIT_RANGE } from "../reward.ts";
import type { Task, Trajectory } from "../../core/index.ts";
import { checkContainment } from "./anti-hacking.ts";
import type { ContainmentRejection } from "./anti-hacking.ts";
import { answerAndGold } from "./common.ts";

const PARAMS = {
  max_extra_tokens: {
    default: 3,
    min: 0,
    description: "Most words allowed besides the gold, the question's words and filler words.",
  },
  max_extra_ratio: {
    default: 1,
    min: 0,
    description: "Extra words allowed per gold word (the answer must be short relative to the gold).",
  },
} as const;

/**
 * 1 when some gold alias passes `checkContainment` (contained on token boundaries, not via the
 * question, at most min(`max_extra_tokens`, `max_extra_ratio` × gold words) extra words, no list of candidates, one value of the
 * gold's type), else 0. Details give each alias's rejection reason.
 * @example
 * // task.answers = ["Paris"]
 * subEm(task, { ...trajectory, finalAnswer: "It is Paris" }).score // 1
 * subEm(task, { ...trajectory, finalAnswer: "Paris, Lyon or Marseille" }).score // 0 (candidate_list)
 */
export function subEm(task: Task, trajectory: Trajectory, params: Params = defaultParams(PARAMS)): RewardResult {
  const got = answerAndGold(task, trajectory);
  if ("result" in got) return got.result;
  const limits = { maxExtraTokens: numParam(params, "max_extra_tokens"), maxExtraRatio: numParam(params, "max_extra_ratio") };
  const rejected: Record<string, ContainmentRejection> = {};
  for (const gold of got.golds) {
    const check = checkContainment(got.answer, gold, task.question, limits);
    if (check.ok) return { score: 1, details: { matched: gold, extraTokens: check.extraTokens } };
    if (check.reason !== null) rejected[gold] = check.reason;
  }
  return { score: 0, details: { matched: null, rejected } };
}

/** Registry entry for `sub_em`. */
export const SUB_EM: RewardDefinition = {
  name: "sub_em",
  description: "1 if the answer contains a gold alias and passes the anti-hacking guards (no lists, echoes, stuffing).",
  range: UNIT_RANGE,
  fn: (task, trajectory, _ctx, params) => subEm(task, trajectory, params),
  params: PARAMS,
};
