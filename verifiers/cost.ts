/** @module Cost metrics: tool calls, tokens, simulated seconds. */
import type { RewardDefinition, RewardResult } from "./reward.ts";
import type { Trajectory } from "../core/index.ts";

/** Steps that carried a parsed action (valid or not); unparseable outputs are not tool calls. */
export function toolCalls(trajectory: Trajectory): number {
  return trajectory.steps.filter((s) => s.action !== null).length;
}

/** Prompt + completion tokens; 0 with `details.reported = false` when the trainer reported none. */
export function tokensUsed(trajectory: Trajectory): RewardResult {
  const t = trajectory.tokens;
  if (t === null) return { score: 0, details: { reported: false } };
  return { score: t.prompt + t.completion, details: { reported: true, prompt: t.prompt, completion: t.completion } };
}

/** Registry entries of the cost metrics (use them with weight 0). */
export const COST_METRICS: readonly RewardDefinition[] = [
  {
    name: "tool_calls",
    description: "Metric: steps with a parsed tool call.",
    fn: (_task, trajectory) => toolCalls(trajectory),
    params: {},
  },
  {
    name: "tokens",
    description: "Metric: prompt + completion tokens when reported by the trainer, else 0.",
    fn: (_task, trajectory) => tokensUsed(trajectory),
    params: {},
  },
  {
    name: "sim_seconds",
    description: "Metric: simulated seconds spent by the episode.",
    fn: (_task, trajectory) => trajectory.simSeconds,
    params: {},
  },
];
