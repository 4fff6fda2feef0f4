/** @module Advantages (via verifiers' GRPO helpers) and the export filters: split, min reward, only correct, dedup. */
import { groupAdvantages, normalizeAnswer } from "../../verifiers/index.ts";
import { ExportError } from "./errors.ts";
import type { LoggedEpisode } from "../trajectory/index.ts";

/**
 * How advantages are computed, as TRL's `scale_rewards`: `group` = (r − mean_group) / (std_group + ε),
 * `batch` = (r − mean_group) / (std_all + ε), `none` = r − mean_group (Dr. GRPO). Stds are unbiased (n − 1).
 */
export interface AdvantageSpec {
  method: "group" | "batch" | "none";
  epsilon: number;
}

/** Filters applied after advantages are computed (so a filter never changes another row's advantage). */
export interface ExportFilters {
  minReward?: number;
  /** Keep episodes whose correctness component is ≥ 1. */
  onlyCorrect?: boolean;
  /** Within a group, keep the first of episodes with the same final answer and the same action sequence. */
  dedup?: boolean;
  split?: string;
}

/** Component names tried, in order, as "the correctness component" for `onlyCorrect`. */
export const CORRECTNESS_COMPONENTS = ["correct", "exact_match", "sub_em", "numeric_match", "date_match", "llm_judge", "f1"] as const;

/**
 * Advantage of every episode (by index), groups keyed by (run, group id), over all finished episodes.
 * @example
 * advantagesOf(episodes, { method: "group", epsilon: 1e-6 });
 */
export function advantagesOf(episodes: readonly LoggedEpisode[], spec: AdvantageSpec): number[] {
  if (!["group", "batch", "none"].includes(spec.method)) {
    throw new ExportError("BAD_OPTION", `advantage method must be group, batch or none, got ${JSON.stringify(spec.method)}`);
  }
  if (!Number.isFinite(spec.epsilon) || spec.epsilon < 0) throw new ExportError("BAD_OPTION", `advantage epsilon must be ≥ 0, got ${spec.epsilon}`);
  if (episodes.length === 0) return [];
  return groupAdvantages(
    episodes.map((e) => e.reward),
    {
      groupIds: episodes.map((e) => `${e.runId}\u0000${e.groupId}`),
      scaleRewards: spec.method,
      epsilon: spec.epsilon,
    },
  );
}

/** The correctness component present in these episodes, or null. */
export function correctnessComponent(componentNames: readonly string[]): string | null {
  return CORRECTNESS_COMPONENTS.find((c) => componentNames.includes(c)) ?? null;
}

/** Indices of the episodes that pass the filters, in order. */
export function selectEpisodes(episodes: readonly LoggedEpisode[], componentNames: readonly string[], f: ExportFilters): number[] {
  if (f.minReward !== undefined && !Number.isFinite(f.minReward)) throw new ExportError("BAD_OPTION", "minReward must be a finite number");
  const correctKey = f.onlyCorrect ? correctnessComponent(componentNames) : null;
  if (f.onlyCorrect && correctKey === null) {
    throw new ExportError(
      "NO_CORRECTNESS",
      `--only-correct needs a correctness component (${CORRECTNESS_COMPONENTS.join(", ")}); this log has: ${componentNames.join(", ") || "none"}`,
    );
  }
  const seen = new Set<string>();
  const keep: number[] = [];
  episodes.forEach((e, i) => {
    if (f.split !== undefined && e.split !== f.split) return;
    if (f.minReward !== undefined && !(e.reward >= f.minReward)) return;
    if (correctKey !== null && !((e.components[correctKey] ?? 0) >= 1)) return;
    if (f.dedup) {
      const k = JSON.stringify([e.runId, e.groupId, normalizeAnswer(e.finalAnswer ?? ""), e.steps.map((s) => s.action ?? s.rawText)]);
      if (seen.has(k)) return;
      seen.add(k);
    }
    keep.push(i);
  });
  return keep;
}
