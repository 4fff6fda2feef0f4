/** @module The cost–quality Pareto frontier of a set of runs. */

/** A run as a point: lower cost and higher quality are better. */
export interface CostQuality {
  cost: number;
  quality: number;
}

/**
 * Which points are dominated: another point costs no more and is no worse, and is strictly better on one of the
 * two. The others form the Pareto frontier (equal points are both on it).
 * @example
 * dominated([{ cost: 1, quality: 0.5 }, { cost: 2, quality: 0.4 }, { cost: 3, quality: 0.9 }]) // [false, true, false]
 */
export function dominated(points: readonly CostQuality[]): boolean[] {
  return points.map((p) => points.some((q) => q.cost <= p.cost && q.quality >= p.quality && (q.cost < p.cost || q.quality > p.quality)));
}

/** Indices of the frontier's points from cheapest to dearest. */
export function frontierOrder(points: readonly CostQuality[]): number[] {
  const dom = dominated(points);
  return points
    .map((p, i) => ({ p, i }))
    .filter(({ i }) => dom[i] !== true)
    .sort((a, b) => a.p.cost - b.p.cost || b.p.quality - a.p.quality)
    .map(({ i }) => i);
}
