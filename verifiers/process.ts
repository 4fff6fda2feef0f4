/** @module Process rewards (penalties ≤ 0) and step-count metrics. */
import { answerTokens } from "./normalize.ts";
import type { Params, RewardDefinition, RewardResult } from "./reward.ts";
import { defaultParams, numParam, PENALTY_RANGE } from "./reward.ts";
import type { Trajectory } from "../core/index.ts";

const NO_SEARCH_PARAMS = {
  penalty: { default: -1, max: 0, description: "Score when an answer is given with zero searches (≤ 0)." },
} as const;

/**
 * Search-R1's known hack is answering from parametric memory without searching. Returns `penalty`
 * (default -1) when a final answer exists and no search was issued, else 0. Use a positive weight.
 */
export function noSearchPenalty(trajectory: Trajectory, params: Params = defaultParams(NO_SEARCH_PARAMS)): RewardResult {
  const hacked = trajectory.finalAnswer !== null && trajectory.searchQueries.length === 0;
  return { score: hacked ? numParam(params, "penalty") : 0, details: { searches: trajectory.searchQueries.length } };
}

/** A query's identity for repetition: its normalised tokens, de-duplicated and sorted (BM25 ignores order). */
export function queryKey(query: string): string {
  return [...new Set(answerTokens(query))].sort().join(" ");
}

/**
 * −(repeated queries / queries), in [−1, 0]: a query is repeated when an earlier query in the
 * episode has the same `queryKey` ("Eiffel tower height" = "height of the Eiffel Tower?").
 */
export function repeatedQueries(trajectory: Trajectory): RewardResult {
  const seen = new Set<string>();
  let repeats = 0;
  for (const q of trajectory.searchQueries) {
    const k = queryKey(q);
    if (seen.has(k)) repeats++;
    else seen.add(k);
  }
  const n = trajectory.searchQueries.length;
  return { score: n === 0 ? 0 : -repeats / n, details: { repeats, queries: n } };
}

/** −(invalid steps / steps), in [−1, 0] (0 for an episode with no steps). */
export function invalidActions(trajectory: Trajectory): RewardResult {
  const n = trajectory.steps.length;
  const invalid = trajectory.steps.filter((s) => !s.valid).length;
  return { score: n === 0 ? 0 : -invalid / n, details: { invalid, steps: n } };
}

/** Registry entries of the process rewards and metrics. */
export const PROCESS_REWARDS: readonly RewardDefinition[] = [
  {
    name: "no_search_penalty",
    description: "`penalty` (default -1) if an answer was given with zero searches, else 0.",
    range: (params) => [numParam(params, "penalty"), 0],
    fn: (_task, trajectory, _ctx, params) => noSearchPenalty(trajectory, params),
    params: NO_SEARCH_PARAMS,
  },
  {
    name: "repeated_queries",
    description: "−(repeated queries / queries), in [−1, 0].",
    range: PENALTY_RANGE,
    fn: (_task, trajectory) => repeatedQueries(trajectory),
    params: {},
  },
  {
    name: "invalid_actions",
    description: "−(invalid steps / steps), in [−1, 0].",
    range: PENALTY_RANGE,
    fn: (_task, trajectory) => invalidActions(trajectory),
    params: {},
  },
  {
    name: "num_searches",
    description: "Metric: number of search queries issued.",
    fn: (_task, trajectory) => trajectory.searchQueries.length,
    params: {},
  },
  {
    name: "num_opens",
    description: "Metric: number of pages opened successfully.",
    fn: (_task, trajectory) => trajectory.openedUrls.length,
    params: {},
  },
  {
    name: "num_steps",
    description: "Metric: number of steps.",
    fn: (_task, trajectory) => trajectory.steps.length,
    params: {},
  },
];
