/** @module Group helpers for GRPO: group-relative advantages, pass@k, majority vote. */
import { VerifierError } from "./errors.ts";
import { normalizeAnswer } from "./normalize.ts";

/** TRL's `scale_rewards`: divide by the group's std, the batch's std, or not at all (Dr. GRPO). */
export type ScaleRewards = "group" | "batch" | "none";

/** Options of `groupAdvantages`: give `groupSize` (consecutive groups, TRL) or `groupIds` (verl's index). */
export interface AdvantageOptions {
  /** Rewards come in consecutive groups of this size (TRL's `num_generations`). */
  groupSize?: number;
  /** Group id of each reward (verl's `index`); groups need not be contiguous. */
  groupIds?: ReadonlyArray<string | number>;
  /** Default "group". */
  scaleRewards?: ScaleRewards;
  /** Added to the std before dividing. Default 1e-6 (verl); TRL uses 1e-4. */
  epsilon?: number;
}

/** Mean and unbiased (n − 1) standard deviation, as `torch.std`; std is 0 for fewer than 2 values. */
export function meanStd(values: readonly number[]): { mean: number; std: number } {
  const n = values.length;
  if (n === 0) return { mean: 0, std: 0 };
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / n;
  if (n < 2) return { mean, std: 0 };
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  return { mean, std: Math.sqrt(ss / (n - 1)) };
}

/**
 * GRPO advantages, as TRL's `GRPOTrainer`: `A_i = r_i − mean(group)`, then divided by
 * `std(group) + ε` ("group"), by `std(all rewards) + ε` ("batch"), or left as is ("none").
 * Stds are unbiased (n − 1); a singleton group has std 0, so its advantage is 0.
 * @example
 * groupAdvantages([1, 0, 0, 0], { groupSize: 4 }) // [1.5, -0.5, -0.5, -0.5] (std = 0.5)
 */
export function groupAdvantages(rewards: readonly number[], options: AdvantageOptions): number[] {
  const { groupSize, groupIds, scaleRewards = "group", epsilon = 1e-6 } = options;
  if (rewards.some((r) => !Number.isFinite(r))) throw new VerifierError("BAD_GROUP", "rewards must all be finite numbers");
  if (!Number.isFinite(epsilon) || epsilon < 0) throw new VerifierError("BAD_GROUP", `epsilon must be ≥ 0, got ${epsilon}`);
  if (!["group", "batch", "none"].includes(scaleRewards)) {
    throw new VerifierError("BAD_GROUP", `scaleRewards must be "group", "batch" or "none", got ${JSON.stringify(scaleRewards)}`);
  }
  let ids: ReadonlyArray<string | number>;
  if (groupIds !== undefined) {
    if (groupSize !== undefined) throw new VerifierError("BAD_GROUP", "give groupSize or groupIds, not both");
    if (groupIds.length !== rewards.length) {
      throw new VerifierError("BAD_GROUP", `groupIds has ${groupIds.length} entries for ${rewards.length} rewards`);
    }
    ids = groupIds;
  } else {
    if (groupSize === undefined || !Number.isInteger(groupSize) || groupSize < 1) {
      throw new VerifierError("BAD_GROUP", `groupSize must be a positive integer, got ${String(groupSize)}`);
    }
    if (rewards.length % groupSize !== 0) {
      throw new VerifierError("BAD_GROUP", `${rewards.length} rewards do not split into groups of ${groupSize}`);
    }
    ids = rewards.map((_, i) => Math.floor(i / groupSize));
  }
  const members = new Map<string | number, number[]>();
  ids.forEach((id, i) => {
    const list = members.get(id);
    if (list === undefined) members.set(id, [rewards[i] as number]);
    else list.push(rewards[i] as number);
  });
  const stats = new Map([...members].map(([id, rs]) => [id, meanStd(rs)]));
  const batchStd = meanStd(rewards).std;
  return rewards.map((r, i) => {
    const s = stats.get(ids[i] as string | number) as { mean: number; std: number };
    const a = r - s.mean;
    if (scaleRewards === "none") return a;
    return a / ((scaleRewards === "batch" ? batchStd : s.std) + epsilon);
  });
}

/**
 * Unbiased pass@k (Chen et al. 2021, Codex): `1 − C(n−c, k) / C(n, k)` for n samples of which c
 * are correct, computed as `1 − Π_{i=n−c+1..n} (1 − k/i)` for stability.
 * @example passAtK(10, 3, 1) // 0.3
 */
export function passAtK(n: number, c: number, k: number): number {
  for (const [name, v] of [
    ["n", n],
    ["c", c],
    ["k", k],
  ] as const) {
    if (!Number.isInteger(v) || v < 0) throw new VerifierError("BAD_GROUP", `pass@k: ${name} must be a non-negative integer, got ${v}`);
  }
  if (c > n) throw new VerifierError("BAD_GROUP", `pass@k: c = ${c} exceeds n = ${n}`);
  if (k < 1 || k > n) throw new VerifierError("BAD_GROUP", `pass@k: k must be in [1, n = ${n}], got ${k}`);
  if (n - c < k) return 1;
  let prod = 1;
  for (let i = n - c + 1; i <= n; i++) prod *= 1 - k / i;
  return 1 - prod;
}

/** pass@k over a group's scores, counting a sample correct when its score ≥ `threshold` (default 1). */
export function passAtKFromScores(scores: readonly number[], k: number, threshold = 1): number {
  return passAtK(scores.length, scores.filter((s) => s >= threshold).length, k);
}

/** The winning answer of a majority vote. */
export interface MajorityVote {
  /** The first answer (as written) in the winning class. */
  answer: string;
  /** The class: `normalizeAnswer(answer)`. */
  normalized: string;
  /** Votes for the class. */
  count: number;
  /** count / number of non-empty answers. */
  fraction: number;
  /** Indices of the answers in the class. */
  indices: number[];
  /** True when another class had as many votes (the earliest class wins). */
  tied: boolean;
}

/**
 * Majority vote over a group's final answers after `normalizeAnswer` (null and empty answers do
 * not vote). Ties go to the class whose first answer came first. Null when nobody answered.
 * @example majorityVote(["Paris", "paris.", "Lyon", null])?.answer // "Paris" (2 of 3 votes)
 */
export function majorityVote(answers: ReadonlyArray<string | null>): MajorityVote | null {
  const classes = new Map<string, number[]>();
  answers.forEach((a, i) => {
    if (a === null) return;
    const k = normalizeAnswer(a);
    if (k === "") return;
    const list = classes.get(k);
    if (list === undefined) classes.set(k, [i]);
    else list.push(i);
  });
  let best: [string, number[]] | null = null;
  let tied = false;
  for (const entry of classes) {
    if (best === null || entry[1].length > best[1].length) {
      best = entry;
      tied = false;
    } else if (entry[1].length === best[1].length) {
      tied = true;
    }
  }
  if (best === null) return null;
  const voters = [...classes.values()].reduce((s, l) => s + l.length, 0);
  const [normalized, indices] = best;
  return { answer: answers[indices[0] as number] as string, normalized, count: indices.length, fraction: indices.length / voters, indices, tied };
}
