/** @module The registry of named reward functions that rubric configs refer to. */
import { COST_METRICS } from "./cost.ts";
import { CORRECT } from "./correctness/correct.ts";
import { DATE_MATCH } from "./correctness/date-match.ts";
import { EXACT_MATCH } from "./correctness/exact-match.ts";
import { NUMERIC_MATCH } from "./correctness/numeric-match.ts";
import { SUB_EM } from "./correctness/sub-em.ts";
import { F1 } from "./correctness/token-f1.ts";
import { EVIDENCE_REWARDS } from "./evidence.ts";
import { FORMAT_REWARDS } from "./format.ts";
import { LLM_JUDGE } from "./judge/llm-judge-reward.ts";
import { PROCESS_REWARDS } from "./process.ts";
import type { RewardDefinition } from "./reward.ts";
import { ROI } from "./roi.ts";

/** Name → reward definition. */
export type RewardRegistry = ReadonlyMap<string, RewardDefinition>;

/** Every built-in reward function and metric, by name. */
export const REWARD_FUNCTIONS: RewardRegistry = new Map(
  [
    EXACT_MATCH,
    F1,
    SUB_EM,
    NUMERIC_MATCH,
    DATE_MATCH,
    CORRECT,
    LLM_JUDGE,
    ...EVIDENCE_REWARDS,
    ...FORMAT_REWARDS,
    ...PROCESS_REWARDS,
    ...COST_METRICS,
    ROI,
  ].map((d) => [d.name, d]),
);

/** Alternative names accepted in configs. */
export const REWARD_ALIASES: Readonly<Record<string, string>> = {
  em: "exact_match",
  subem: "sub_em",
  citation: "citation_valid",
  judge: "llm_judge",
  agentic_roi: "roi",
};

/**
 * The built-in registry plus your own reward definitions (yours win on a name clash).
 * @example
 * const registry = extendRegistry([{ name: "short", description: "...", params: {}, fn: (_t, tr) => tr.steps.length < 5 ? 1 : 0 }]);
 * const rubric = Rubric.fromConfig({ exact_match: 1, short: 0.1 }, registry);
 */
export function extendRegistry(extra: readonly RewardDefinition[], base: RewardRegistry = REWARD_FUNCTIONS): RewardRegistry {
  const out = new Map(base);
  for (const d of extra) out.set(d.name, d);
  return out;
}

/** Looks a name up, following `REWARD_ALIASES`; undefined when unknown. */
export function lookupReward(name: string, registry: RewardRegistry = REWARD_FUNCTIONS): RewardDefinition | undefined {
  return registry.get(name) ?? registry.get(REWARD_ALIASES[name] ?? "");
}
