/**
 * @module Episodes finished per time bucket. The log has no per-episode timestamps (only the run's
 * `started_at` and each episode's `wall_seconds`), so finish times are rebuilt by replaying the runner's
 * schedule: jobs in order, each taken by the first of `concurrency` workers to become free.
 */

/** One episode as the schedule replay needs it. */
export interface ScheduledEpisode {
  /** Position in the runner's job order (task order × sample index). */
  order: number;
  wallSeconds: number;
}

/** A throughput series. */
export interface Throughput {
  /** Width of a bucket in seconds. */
  bucketSeconds: number;
  /** Episodes finished in `[t, t + bucketSeconds)` seconds after the start. */
  buckets: Array<{ t: number; n: number }>;
  /** Seconds from the first start to the last finish. */
  spanSeconds: number;
  /** Episodes per second over the whole span. */
  meanPerSecond: number;
  /** True when times were rebuilt from `wall_seconds` (no timestamps in the log). */
  estimated: boolean;
}

/**
 * Finish time (seconds after the start) of each episode, by replaying `concurrency` workers that take jobs
 * in `order`; the result is indexed like the input.
 * @example
 * replaySchedule([{ order: 0, wallSeconds: 2 }, { order: 1, wallSeconds: 1 }, { order: 2, wallSeconds: 1 }], 2) // [2, 1, 2]
 */
export function replaySchedule(episodes: readonly ScheduledEpisode[], concurrency: number): number[] {
  const c = Math.max(1, Math.floor(Number.isFinite(concurrency) ? concurrency : 1));
  const free = new Array<number>(Math.min(c, Math.max(1, episodes.length))).fill(0);
  const idx = episodes.map((_, i) => i).sort((a, b) => (episodes[a] as ScheduledEpisode).order - (episodes[b] as ScheduledEpisode).order);
  const out = new Array<number>(episodes.length).fill(0);
  for (const i of idx) {
    let w = 0;
    for (let j = 1; j < free.length; j++) if ((free[j] as number) < (free[w] as number)) w = j;
    const end = (free[w] as number) + Math.max(0, (episodes[i] as ScheduledEpisode).wallSeconds || 0);
    free[w] = end;
    out[i] = end;
  }
  return out;
}

const NICE = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400];

/**
 * Buckets finish times (seconds after the start) into about `target` buckets of a round width.
 * @example
 * throughputOf([0.5, 1.5, 1.7], { target: 2 }).buckets // [{t: 0, n: 1}, {t: 1, n: 2}]
 */
export function throughputOf(finish: readonly number[], o: { target?: number; estimated?: boolean } = {}): Throughput {
  const ts = finish.filter((t) => Number.isFinite(t) && t >= 0);
  const estimated = o.estimated ?? true;
  if (ts.length === 0) return { bucketSeconds: 1, buckets: [], spanSeconds: 0, meanPerSecond: 0, estimated };
  const span = Math.max(...ts);
  const target = Math.max(1, o.target ?? 30);
  const width = NICE.find((w) => span / w <= target) ?? Math.ceil(span / target);
  const n = Math.max(1, Math.floor(span / width) + 1);
  const buckets = Array.from({ length: n }, (_, i) => ({ t: round(i * width), n: 0 }));
  for (const t of ts) (buckets[Math.min(n - 1, Math.floor(t / width))] as { n: number }).n++;
  return { bucketSeconds: width, buckets, spanSeconds: span, meanPerSecond: span > 0 ? ts.length / span : 0, estimated };
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6;

/** Episodes that ended in one time bucket: how many finished, how many failed, their mean reward. */
export interface TimelineBucket {
  /** Bucket start, seconds after the run start. */
  t: number;
  /** Finished (`done`) episodes. */
  done: number;
  /** Failed (`error`) or interrupted (`closed`) episodes. */
  failed: number;
  /** Mean reward of the finished ones, null when none. */
  meanReward: number | null;
}

/** Reward and failures over time, in buckets of a round width. */
export interface Timeline {
  bucketSeconds: number;
  buckets: TimelineBucket[];
  spanSeconds: number;
}

/**
 * Buckets episodes by end time (seconds after the run start) into about `target` buckets: finished and failed
 * counts and the finished ones' mean reward, for the live view's reward-over-time and failure charts.
 * @example
 * timelineOf([{ t: 0.5, reward: 1, failed: false }, { t: 1.5, reward: 0, failed: true }], { target: 2 }).buckets
 * // [{t: 0, done: 1, failed: 0, meanReward: 1}, {t: 1, done: 0, failed: 1, meanReward: null}]
 */
export function timelineOf(points: ReadonlyArray<{ t: number; reward: number; failed: boolean }>, o: { target?: number } = {}): Timeline {
  const ps = points.filter((p) => Number.isFinite(p.t) && p.t >= 0);
  if (ps.length === 0) return { bucketSeconds: 1, buckets: [], spanSeconds: 0 };
  const span = Math.max(...ps.map((p) => p.t));
  const target = Math.max(1, o.target ?? 30);
  const width = NICE.find((w) => span / w <= target) ?? Math.ceil(span / target);
  const n = Math.max(1, Math.floor(span / width) + 1);
  const acc = Array.from({ length: n }, () => ({ done: 0, failed: 0, sum: 0 }));
  for (const p of ps) {
    const b = acc[Math.min(n - 1, Math.floor(p.t / width))] as { done: number; failed: number; sum: number };
    if (p.failed) b.failed++;
    else {
      b.done++;
      b.sum += p.reward;
    }
  }
  return {
    bucketSeconds: width,
    spanSeconds: span,
    buckets: acc.map((b, i) => ({ t: round(i * width), done: b.done, failed: b.failed, meanReward: b.done > 0 ? b.sum / b.done : null })),
  };
}
