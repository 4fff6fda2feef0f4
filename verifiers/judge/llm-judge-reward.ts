/** @module `llm_judge`: correctness graded by an LLM judge (BrowseComp grader), 0 on judge failure. */
import { VerifierError } from "../errors.ts";
import type { Params, RewardContext, RewardDefinition, RewardResult } from "../reward.ts";
import { defaultParams, numParam, UNIT_RANGE } from "../reward.ts";
import type { Task, Trajectory } from "../../core/index.ts";

const PARAMS = {
  min_confidence: {
    default: 0,
    min: 0,
    max: 100,
    description: "A 'correct' verdict counts only when the response's extracted confidence is at least this.",
  },
} as const;

/**
 * 1 when `ctx.judge` grades the final answer correct (and its confidence ≥ `min_confidence`), else 0.
 * No answer → 0 without a call. A judge failure (timeout, HTTP error, unreadable verdict) → 0 with
 * `error` set and `details: {code, reason}`. No judge in the context → throws `JUDGE_NOT_CONFIGURED`
 * (the rubric records it and scores 0).
 * @example
 * const r = await llmJudge(task, trajectory, { judge: new LlmJudge({ baseUrl, model }) });
 * r.details // { extracted_final_answer: "Paris", correct: true, confidence: 100, cached: false }
 */
export async function llmJudge(task: Task, trajectory: Trajectory, ctx: RewardContext, params: Params = defaultParams(PARAMS)): Promise<RewardResult> {
  const answer = trajectory.finalAnswer;
  if (answer === null || answer.trim() === "") return { score: 0, details: { reason: "no_answer" } };
  if (ctx.judge === undefined) {
    throw new VerifierError("JUDGE_NOT_CONFIGURED", "llm_judge needs ctx.judge (set --judge-url and --judge-model)");
  }
  const v = await ctx.judge.grade({ taskId: task.id, question: task.question, answers: task.answers, response: answer });
  if (!v.ok) return { score: 0, error: `${v.code}: ${v.reason}`, details: { code: v.code, reason: v.reason } };
  const ok = v.correct && v.confidence >= numParam(params, "min_confidence");
  return {
    score: ok ? 1 : 0,
    details: { extracted_final_answer: v.extractedFinalAnswer, correct: v.correct, confidence: v.confidence, cached: v.cached },
  };
}

/** Registry entry for `llm_judge`. */
export const LLM_JUDGE: RewardDefinition = {
  name: "llm_judge",
  description: "1 if the LLM judge (BrowseComp grader prompt) says the answer is correct; 0 on failure, with the reason.",
  range: UNIT_RANGE,
  fn: (task, trajectory, ctx, params) => llmJudge(task, trajectory, ctx, params),
  params: PARAMS,
};
