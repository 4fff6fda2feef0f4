/** @module `Rubric`: a weighted sum of reward functions; weight-0 entries are metrics. */
import { VerifierError } from "./errors.ts";
import { REWARD_FUNCTIONS } from "./registry.ts";
import type { RewardRegistry } from "./registry.ts";
import { parseRubricConfig } from "./rubric-config.ts";
import type { RubricConfig, RubricEntry } from "./rubric-config.ts";
import type { RewardContext } from "./reward.ts";
import type { Task, Trajectory } from "../core/index.ts";

/** What `Rubric.score` returns (every component is its own column, as in `verifiers`). */
export interface RubricScore {
  /** Σ weight · score over entries with weight ≠ 0. */
  reward: number;
  /** Every entry's score by name, metrics included; 0 for an entry that failed. */
  components: Record<string, number>;
  /** Each entry's diagnostics by name (entries without details are absent). */
  details: Record<string, unknown>;
  /** Entries that threw or reported a handled failure: name → "CODE: message". */
  errors: Record<string, string>;
}

function describeError(err: unknown): string {
  if (err instanceof VerifierError) return `${err.code}: ${err.message}`;
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return `Error: ${String(err)}`;
}

/**
 * A weighted rubric (after the `verifiers` library's `Rubric`): every entry is scored, the reward is
 * Σ weight·score over non-zero weights, and a function that throws scores 0 with its error recorded
 * instead of failing the episode. Entries run concurrently (sync or async); the sum is taken in
 * config order, so the result is deterministic.
 * @example
 * const rubric = Rubric.fromConfig({ exact_match: 1.0, citation_valid: 0.2, roi: 0.5, num_searches: 0 });
 * const { reward, components, errors } = await rubric.score(task, trajectory, { corpus });
 */
export class Rubric {
  readonly entries: readonly RubricEntry[];

  constructor(entries: readonly RubricEntry[]) {
    const names = new Set<string>();
    for (const e of entries) {
      if (names.has(e.name)) throw new VerifierError("BAD_CONFIG", `rubric has two entries named "${e.name}"`);
      names.add(e.name);
    }
    this.entries = [...entries];
  }

  /** Builds a rubric from a config object or JSON string (see `parseRubricConfig` for the errors). */
  static fromConfig(config: RubricConfig | string, registry: RewardRegistry = REWARD_FUNCTIONS): Rubric {
    return new Rubric(parseRubricConfig(config, registry));
  }

  /** The normalised config (`{name: {weight, fn, ...params}}`), e.g. to log with a run. */
  toConfig(): Record<string, { weight: number; fn: string; [param: string]: unknown }> {
    const out: Record<string, { weight: number; fn: string; [param: string]: unknown }> = {};
    for (const e of this.entries) out[e.name] = { weight: e.weight, fn: e.definition.name, ...e.params };
    return out;
  }

  /**
   * The reward's inclusive bounds, Σ over weighted entries of weight × each end of the entry's score
   * range, or null when a weighted entry is unbounded (a count or seconds metric given a weight).
   * @example
   * DEFAULT_RUBRIC.rewardRange(); // [-0.6, 1.2]: correct 1, citation 0.2, no-search −0.5, invalid −0.1
   */
  rewardRange(): readonly [number, number] | null {
    let lo = 0;
    let hi = 0;
    for (const e of this.entries) {
      if (e.weight === 0) continue;
      if (e.definition.range === undefined) return null;
      const [a, b] = e.definition.range(e.params);
      lo += Math.min(e.weight * a, e.weight * b);
      hi += Math.max(e.weight * a, e.weight * b);
    }
    return [lo, hi];
  }

  /**
   * Scores one trajectory. Never rejects because of a reward function: a throw, a rejected
   * promise or a non-finite score gives that component 0 and an `errors` entry.
   */
  async score(task: Task, trajectory: Trajectory, ctx: RewardContext = {}): Promise<RubricScore> {
    const results = await Promise.all(
      this.entries.map(async (e) => {
        try {
          const raw = await e.definition.fn(task, trajectory, ctx, e.params);
          const r = typeof raw === "number" ? { score: raw } : raw;
          if (typeof r !== "object" || r === null || typeof r.score !== "number" || !Number.isFinite(r.score)) {
            const shown = typeof r === "object" && r !== null ? r.score : r;
            return { score: 0, error: `BAD_SCORE: ${e.definition.name} returned a non-finite score (${String(shown)})` };
          }
          return r;
        } catch (err) {
          return { score: 0, error: describeError(err) };
        }
      }),
    );
    const out: RubricScore = { reward: 0, components: {}, details: {}, errors: {} };
    this.entries.forEach((e, i) => {
      const r = results[i] as { score: number; details?: Record<string, unknown>; error?: string };
      out.components[e.name] = r.score;
      if (r.details !== undefined) out.details[e.name] = r.details;
      if (r.error !== undefined) out.errors[e.name] = r.error;
      if (e.weight !== 0) out.reward += e.weight * r.score;
    });
    return out;
  }
}
