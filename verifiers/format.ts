/** @module Format rewards: valid tool calls, exactly one final answer, bounded answer length. */
import type { Params, RewardDefinition, RewardResult } from "./reward.ts";
import { defaultParams, numParam, UNIT_RANGE } from "./reward.ts";
import type { Trajectory } from "../core/index.ts";

/** Valid steps / steps (0 for an episode with no steps). */
export function validToolCalls(trajectory: Trajectory): RewardResult {
  const n = trajectory.steps.length;
  if (n === 0) return { score: 0, details: { reason: "no_steps" } };
  const valid = trajectory.steps.filter((s) => s.valid).length;
  return { score: valid / n, details: { valid, steps: n } };
}

/** 1 when the episode has a final answer and exactly one `answer` action was attempted, else 0. */
export function singleAnswer(trajectory: Trajectory): RewardResult {
  const ok = trajectory.finalAnswer !== null && trajectory.answerCount === 1;
  return { score: ok ? 1 : 0, details: { answerCount: trajectory.answerCount, hasAnswer: trajectory.finalAnswer !== null } };
}

const LENGTH_PARAMS = {
  max_words: { default: 32, min: 1, description: "Most whitespace-separated words a final answer may have." },
  max_chars: { default: 256, min: 1, description: "Most characters a final answer may have." },
} as const;

/** 1 when the final answer has at most `max_words` words and `max_chars` characters; 0 otherwise or without an answer. */
export function answerLength(trajectory: Trajectory, params: Params = defaultParams(LENGTH_PARAMS)): RewardResult {
  const a = trajectory.finalAnswer;
  if (a === null) return { score: 0, details: { reason: "no_answer" } };
  const words = a.trim() === "" ? 0 : a.trim().split(/\s+/u).length;
  const chars = [...a].length;
  const ok = words <= numParam(params, "max_words") && chars <= numParam(params, "max_chars");
  return { score: ok ? 1 : 0, details: { words, chars } };
}

/** Registry entries of the format rewards. */
export const FORMAT_REWARDS: readonly RewardDefinition[] = [
  {
    name: "valid_tool_calls",
    description: "Fraction of steps whose action was valid, in [0, 1].",
    range: UNIT_RANGE,
    fn: (_task, trajectory) => validToolCalls(trajectory),
    params: {},
  },
  {
    name: "single_answer",
    description: "1 if exactly one final answer was given, else 0.",
    range: UNIT_RANGE,
    fn: (_task, trajectory) => singleAnswer(trajectory),
    params: {},
  },
  {
    name: "answer_length",
    description: "1 if the final answer is within max_words and max_chars, else 0.",
    range: UNIT_RANGE,
    fn: (_task, trajectory, _ctx, params) => answerLength(trajectory, params),
    params: LENGTH_PARAMS,
  },
];
