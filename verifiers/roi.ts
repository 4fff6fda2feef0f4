/** @module `roi`: Agentic ROI — credit for a good answer, scaled by the time and cost it saved. */
import { toolCalls } from "./cost.ts";
import { CORRECT } from "./correctness/correct.ts";
import { DATE_MATCH } from "./correctness/date-match.ts";
import { EXACT_MATCH } from "./correctness/exact-match.ts";
import { NUMERIC_MATCH } from "./correctness/numeric-match.ts";
import { SUB_EM } from "./correctness/sub-em.ts";
import { F1 } from "./correctness/token-f1.ts";
import { LLM_JUDGE } from "./judge/llm-judge-reward.ts";
import type { Params, RewardContext, RewardDefinition, RewardResult } from "./reward.ts";
import { defaultParams, numParam, strParam, UNIT_RANGE } from "./reward.ts";
import type { Task, Trajectory } from "../core/index.ts";

/** Rewards that may serve as the quality signal of `roi`. */
const QUALITY: Readonly<Record<string, RewardDefinition>> = Object.fromEntries(
  [CORRECT, EXACT_MATCH, SUB_EM, F1, NUMERIC_MATCH, DATE_MATCH, LLM_JUDGE].map((d) => [d.name, d]),
);

const PARAMS = {
  quality: { default: "correct", choices: Object.keys(QUALITY), description: "Reward giving the quality q." },
  threshold: { default: 1, min: 0, description: "No credit unless q ≥ threshold." },
  budget_steps: { default: 10, min: 1e-9, description: "Tool-call budget C_budget." },
  budget_seconds: { default: 30, min: 1e-9, description: "Simulated-seconds budget T_budget." },
  budget_tokens: { default: 0, min: 0, description: "Token budget; 0 leaves tokens out of the cost." },
  time_weight: { default: 0.5, min: 0, max: 1, description: "α: share of the time saving (1 − α for cost)." },
} as const;

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

/**
 * Agentic ROI. With q the `quality` reward's score:
 * ```
 * roi = 0                                          if q < threshold
 * roi = q · (α · S_time + (1 − α) · S_cost)        otherwise
 * S_time = clamp01(1 − T / T_budget)               T = simulated seconds
 * S_cost = clamp01(1 − C / C_budget)               C = tool calls
 *        (mean with clamp01(1 − K / K_budget) when budget_tokens > 0 and tokens K were reported)
 * ```
 * In [0, 1] for q in [0, 1]: a correct answer in 2 of 10 tool calls and 6 of 30 s scores 0.8;
 * one that used the whole budget scores 0; a wrong one scores 0 however cheap it was.
 * @example
 * // {"roi": {"weight": 0.5, "threshold": 1, "budget_steps": 10, "budget_seconds": 30}}
 */
export async function roi(task: Task, trajectory: Trajectory, ctx: RewardContext, params: Params = defaultParams(PARAMS)): Promise<RewardResult> {
  const qualityName = strParam(params, "quality");
  const def = QUALITY[qualityName];
  if (def === undefined) throw new RangeError(`roi: unknown quality reward ${qualityName}`);
  const raw = await def.fn(task, trajectory, ctx, defaultParams(def.params));
  const q = typeof raw === "number" ? raw : raw.score;
  const calls = toolCalls(trajectory);
  const seconds = trajectory.simSeconds;
  const details: Record<string, unknown> = { quality: q, tool_calls: calls, sim_seconds: seconds };
  if (typeof raw !== "number" && raw.error !== undefined) details["quality_error"] = raw.error;
  if (q < numParam(params, "threshold")) return { score: 0, details: { ...details, reason: "below_threshold" } };
  const sTime = clamp01(1 - seconds / numParam(params, "budget_seconds"));
  let sCost = clamp01(1 - calls / numParam(params, "budget_steps"));
  const budgetTokens = numParam(params, "budget_tokens");
  if (budgetTokens > 0 && trajectory.tokens !== null) {
    const k = trajectory.tokens.prompt + trajectory.tokens.completion;
    sCost = (sCost + clamp01(1 - k / budgetTokens)) / 2;
  }
  const alpha = numParam(params, "time_weight");
  const score = q * (alpha * sTime + (1 - alpha) * sCost);
  return { score, details: { ...details, time_saved: sTime, cost_saved: sCost } };
}

/** Registry entry for `roi`. */
export const ROI: RewardDefinition = {
  name: "roi",
  description: "Agentic ROI: 0 unless quality ≥ threshold, then q·(α·time saved + (1−α)·cost saved) vs budgets.",
  range: UNIT_RANGE,
  fn: (task, trajectory, ctx, params) => roi(task, trajectory, ctx, params),
  params: PARAMS,
};
