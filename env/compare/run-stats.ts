/** @module The figures of one slice of a run (all its episodes, one task type, one hop count): quality, pass@k, use and cost. */
import { passAtK } from "../../verifiers/index.ts";
import { episodeCost, type ModelPrice } from "./prices.ts";
import type { EpisodeUsage } from "../trajectory/index.ts";

/** The figures of a set of finished episodes (means are per episode). */
export interface RunStats {
  episodes: number;
  /** GRPO groups (tasks) the episodes fall in. */
  groups: number;
  /** Share of episodes that succeeded (correctness component ≥ 1, else reward ≥ 1). */
  successRate: number;
  meanReward: number;
  /** Unbiased pass@1 averaged over groups (the mean of each group's success share). */
  passAt1: number;
  /** Unbiased pass@k with k = the run's group size G, averaged over the groups with at least G finished rollouts; null when none has. */
  passAtG: number | null;
  /** The k of `passAtG`. */
  g: number;
  /** Groups `passAtG` averages over. */
  groupsAtG: number;
  /** Mean prompt / completion tokens; null when no episode reported tokens. */
  tokensIn: number | null;
  tokensOut: number | null;
  toolCalls: number;
  searches: number;
  pagesOpened: number;
  simSeconds: number;
  wallSeconds: number;
  /** Mean dollars per episode at the run's model prices. */
  costUsd: number;
  /** The quality measure of the comparison (`successRate` or `meanReward`, see {@link QUALITY_MEASURES}). */
  quality: number;
  /**
   * Agentic ROI: `max(0, quality − baseline) / ((simSeconds + wallSeconds) × costUsd)`, quality gained per second
   * of waiting × dollar (docs/compare.md); null when an episode costs no money.
   */
  roi: number | null;
}

/** What "quality" means on the frontier and in the ROI: the success rate, or the mean reward (the rubric's score). */
export const QUALITY_MEASURES = ["reward", "success"] as const;
/** One of {@link QUALITY_MEASURES}. */
export type QualityMeasure = (typeof QUALITY_MEASURES)[number];

/** What the figures are computed with. */
export interface StatsContext {
  price: ModelPrice;
  /** The run's group size (the k of pass@G). */
  groupSize: number;
  /** Quality counted as no gain (ROI's q₀, default 0). */
  baseline: number;
  quality: QualityMeasure;
  /** Whether an episode succeeded. */
  success: (e: EpisodeUsage) => boolean;
}

const mean = (xs: readonly number[]): number => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);

/**
 * Pass@k averaged over groups: each group's unbiased `1 − C(n−c, k)/C(n, k)` (verifiers' `passAtK`), groups with
 * fewer than k samples left out. Returns the mean (null when no group qualifies) and the groups counted.
 * @example
 * passAtKOverGroups([[true, false, false, false], [true, true, false, false]], 2) // {value: (0.5 + 5/6) / 2, groups: 2}
 */
export function passAtKOverGroups(groups: ReadonlyArray<readonly boolean[]>, k: number): { value: number | null; groups: number } {
  const vals = groups.filter((g) => g.length >= k).map((g) => passAtK(g.length, g.filter(Boolean).length, k));
  return { value: vals.length === 0 ? null : mean(vals), groups: vals.length };
}

/** The figures of `eps` (episodes of one run). */
export function runStats(eps: readonly EpisodeUsage[], ctx: StatsContext): RunStats {
  const ok = eps.map(ctx.success);
  const byGroup = new Map<string, boolean[]>();
  eps.forEach((e, i) => {
    const list = byGroup.get(e.groupId);
    if (list === undefined) byGroup.set(e.groupId, [ok[i] === true]);
    else list.push(ok[i] === true);
  });
  const groups = [...byGroup.values()];
  const atG = passAtKOverGroups(groups, ctx.groupSize);
  const reported = eps.filter((e) => e.tokensPrompt !== null || e.tokensCompletion !== null);
  const searches = eps.map((e) => e.callsByTool.search ?? 0);
  const opens = eps.map((e) => e.callsByTool.open ?? 0);
  const costs = eps.map((e, i) =>
    episodeCost(ctx.price, { tokensIn: e.tokensPrompt ?? 0, tokensOut: e.tokensCompletion ?? 0, searches: searches[i] ?? 0, opens: opens[i] ?? 0 }),
  );
  const successRate = mean(ok.map((b) => (b ? 1 : 0)));
  const simSeconds = mean(eps.map((e) => e.simSeconds));
  const costUsd = mean(costs);
  const wallSeconds = mean(eps.map((e) => e.wallSeconds));
  const denom = (simSeconds + wallSeconds) * costUsd;
  const meanReward = mean(eps.map((e) => e.reward));
  const quality = ctx.quality === "success" ? successRate : meanReward;
  return {
    episodes: eps.length,
    groups: groups.length,
    successRate,
    meanReward,
    passAt1: passAtKOverGroups(groups, 1).value ?? 0,
    passAtG: atG.value,
    g: ctx.groupSize,
    groupsAtG: atG.groups,
    tokensIn: reported.length === 0 ? null : mean(eps.map((e) => e.tokensPrompt ?? 0)),
    tokensOut: reported.length === 0 ? null : mean(eps.map((e) => e.tokensCompletion ?? 0)),
    toolCalls: mean(eps.map((e) => e.toolCalls)),
    searches: mean(searches),
    pagesOpened: mean(opens),
    simSeconds,
    wallSeconds,
    costUsd,
    quality,
    roi: denom > 0 ? Math.max(0, quality - ctx.baseline) / denom : null,
  };
}
