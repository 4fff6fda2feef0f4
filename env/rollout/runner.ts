/** @module The rollout runner: G samples per task, C episodes at a time, each driven by a policy, logged crash-safely. */
import { basename } from "node:path";
import type { Task, ToolCall, ChatMessage } from "../../core/index.ts";
import { TOOL_SCHEMAS, type ToolSchema } from "../episode/index.ts";
import { appendTurn } from "../../core/index.ts";
import type { EpisodeDriver, EpisodeHandle } from "./driver.ts";
import { RolloutError, type FailureReason } from "./errors.ts";
import type { PolicyFactory } from "./policies/policy.ts";
import { episodeIdOf, episodeSeed } from "./seeds.ts";
import { DEFAULT_BATCH_EPISODES, TrajectoryLog, type LiveSnapshotOptions, type LogStats } from "../trajectory/index.ts";

/** Options of `runRollouts`. */
export interface RolloutOptions {
  /** Trajectory log file (`runs/<name>.duckdb`). */
  out: string;
  /** Run id inside the log (default: the file name without `.duckdb`). */
  runId?: string;
  /** Tasks to run, in order (ids must exist in the environment). */
  tasks: readonly Task[];
  driver: EpisodeDriver;
  policy: PolicyFactory;
  /** Samples per task (G of GRPO). */
  groupSize: number;
  /** Episodes in flight at once. */
  concurrency: number;
  maxSteps: number;
  /** Run seed; episode seeds derive from (seed, task id, sample index). */
  seed: number;
  /** Continue the run in `out`, skipping its finished episodes. */
  resume?: boolean;
  /** Abort to stop starting episodes; in-flight ones are closed at their next step and redone on resume. */
  signal?: AbortSignal;
  /** Called after every episode (and at start) with counters for a progress display. */
  onProgress?: (p: RolloutProgress) => void;
  /** Log batching (see TrajectoryLog). */
  batchEpisodes?: number;
  batchMs?: number;
  /** Publish a live snapshot of the log while the run goes on (see TrajectoryLog; default off). */
  live?: LiveSnapshotOptions | false;
  /** Extra settings recorded in the run's config (corpus path, task selection...). */
  config?: Record<string, unknown>;
  versions?: Record<string, unknown>;
  /** Stop the run after this many consecutive failed episodes (default 20). */
  maxConsecutiveErrors?: number;
  /**
   * Stop early when this many episodes in a row failed for the same reason (default 8; 0 = never): an
   * unreachable model endpoint or a wrong `--base-url` fails every episode alike, and waiting for the
   * whole run to say so wastes it.
   */
  maxFailures?: number;
}

/** Progress counters. */
export interface RolloutProgress {
  tasksDone: number;
  tasksTotal: number;
  episodesDone: number;
  episodesTotal: number;
  /** Episodes skipped because a previous invocation finished them. */
  skipped: number;
  failed: number;
  steps: number;
  stepsPerSecond: number;
  meanReward: number;
  etaSeconds: number | null;
}

/** What a run did. */
export interface RolloutSummary {
  runId: string;
  out: string;
  /** Episodes finished by this invocation (not counting skipped ones). */
  episodes: number;
  skipped: number;
  failed: number;
  /** Episodes closed by an interrupt (redone on resume). */
  interrupted: number;
  /** Why episodes failed, most frequent first (also in the log's `episodes.error`). */
  failures: FailureReason[];
  steps: number;
  meanReward: number;
  /** Share of episodes with reward ≥ 1 − 1e-9. */
  solved: number;
  seconds: number;
  episodesPerSecond: number;
  stepsPerSecond: number;
  log: LogStats;
}

interface Job {
  task: Task;
  sampleIdx: number;
}

/** Default of `RolloutOptions.maxFailures`. */
export const DEFAULT_MAX_FAILURES = 8;

/** Longest failure reason kept when grouping (the log keeps the whole message). */
const MAX_REASON_CHARS = 300;

/** The reason of a failure message, for grouping: the message, cut to a bounded length. */
function failureReason(message: string): string {
  return message.length <= MAX_REASON_CHARS ? message : `${message.slice(0, MAX_REASON_CHARS)}…`;
}

/** Fields of the config that decide the trajectories; a resume must match them. */
const IDENTITY_KEYS = ["seed", "groupSize", "maxSteps", "policy", "tasks"] as const;

/**
 * Runs `groupSize` episodes for every task, `concurrency` at a time, each through a fresh policy
 * instance seeded with the episode seed, and logs them to `out`. Deterministic: the same seeds, tasks
 * and policy give identical trajectories whatever the concurrency.
 * @example
 * const summary = await runRollouts({
 *   out: "runs/demo.duckdb", tasks, driver: localDriver(deps), policy: scriptedPolicy(),
 *   groupSize: 8, concurrency: 4, maxSteps: 12, seed: 1,
 * });
 */
export async function runRollouts(o: RolloutOptions): Promise<RolloutSummary> {
  for (const [k, min] of [
    ["groupSize", 1],
    ["concurrency", 1],
    ["maxSteps", 1],
  ] as const) {
    if (!Number.isInteger(o[k]) || o[k] < min) throw new RolloutError("BAD_CONFIG", `${k} must be an integer ≥ ${min}, got ${o[k]}`);
  }
  if (!Number.isSafeInteger(o.seed)) throw new RolloutError("BAD_CONFIG", `seed must be an integer, got ${o.seed}`);
  const runId = o.runId ?? basename(o.out).replace(/\.duckdb$/, "");
  const config: Record<string, unknown> = {
    ...(o.config ?? {}),
    seed: o.seed,
    groupSize: o.groupSize,
    maxSteps: o.maxSteps,
    concurrency: o.concurrency,
    policy: o.policy.config,
    tasks: o.tasks.map((t) => t.id),
    driver: o.driver.kind,
  };
  const log = await TrajectoryLog.open(o.out, {
    runId,
    config,
    identityKeys: IDENTITY_KEYS,
    seed: o.seed,
    policy: o.policy.name,
    groupSize: o.groupSize,
    versions: o.versions,
    resume: o.resume,
    batchEpisodes: o.batchEpisodes,
    batchMs: o.batchMs,
    live: o.live,
  });
  const jobs: Job[] = [];
  const remainingPerTask = new Map<string, number>();
  let skipped = 0;
  for (const task of o.tasks) {
    let left = 0;
    for (let s = 0; s < o.groupSize; s++) {
      if (log.finished.has(episodeIdOf(task.id, s))) skipped++;
      else {
        jobs.push({ task, sampleIdx: s });
        left++;
      }
    }
    remainingPerTask.set(task.id, left);
  }
  const t0 = performance.now();
  const c = { episodes: 0, failed: 0, interrupted: 0, steps: 0, rewardSum: 0, solved: 0, consecutiveErrors: 0 };
  let tasksDone = [...remainingPerTask.values()].filter((n) => n === 0).length;
  const report = (): void => {
    if (!o.onProgress) return;
    const secs = Math.max(1e-9, (performance.now() - t0) / 1000);
    const finished = c.episodes + c.failed + c.interrupted;
    const left = jobs.length - finished;
    o.onProgress({
      tasksDone,
      tasksTotal: o.tasks.length,
      episodesDone: skipped + c.episodes,
      episodesTotal: o.tasks.length * o.groupSize,
      skipped,
      failed: c.failed,
      steps: c.steps,
      stepsPerSecond: c.steps / secs,
      meanReward: c.episodes > 0 ? c.rewardSum / c.episodes : 0,
      etaSeconds: finished > 0 ? (left * secs) / finished : null,
    });
  };
  report();
  let fatal: Error | null = null;
  let next = 0;
  const reasons = new Map<string, number>();
  let sameReason = { reason: "", run: 0 };
  const maxFailures = o.maxFailures ?? DEFAULT_MAX_FAILURES;
  const worker = async (): Promise<void> => {
    while (fatal === null && !o.signal?.aborted) {
      const job = jobs[next++];
      if (job === undefined) return;
      const outcome = await runEpisode(job, o, log, (n) => (c.steps += n));
      if (outcome.kind === "done") {
        c.episodes++;
        c.rewardSum += outcome.reward;
        if (outcome.reward >= 1 - 1e-9) c.solved++;
        c.consecutiveErrors = 0;
        sameReason = { reason: "", run: 0 };
      } else if (outcome.kind === "interrupted") c.interrupted++;
      else {
        c.failed++;
        const reason = failureReason(outcome.message);
        reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
        sameReason = sameReason.reason === reason ? { reason, run: sameReason.run + 1 } : { reason, run: 1 };
        if (maxFailures > 0 && sameReason.run >= maxFailures) {
          fatal ??= new RolloutError("EARLY_STOP", `stopped early: ${sameReason.run} episodes in a row failed with ${reason} (--max-failures ${maxFailures})`);
        }
        if (++c.consecutiveErrors >= (o.maxConsecutiveErrors ?? 20)) {
          fatal ??= new RolloutError("POLICY_ERROR", `${c.consecutiveErrors} episodes failed in a row; last: ${outcome.message}`);
        }
      }
      const left = (remainingPerTask.get(job.task.id) ?? 1) - 1;
      remainingPerTask.set(job.task.id, left);
      if (left === 0 && outcome.kind === "done") tasksDone++;
      try {
        log.checkHealth();
      } catch (err) {
        fatal ??= err as Error;
      }
      report();
      // backpressure: a kill -9 loses at most two batches of finished episodes (see the yield in runEpisode)
      if (log.backlog >= 2 * (o.batchEpisodes ?? DEFAULT_BATCH_EPISODES)) await log.flush().catch(() => undefined);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(o.concurrency, Math.max(1, jobs.length)) }, worker));
  } finally {
    await log.close();
    await o.driver.close();
  }
  const failures = [...reasons].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : 1));
  const stop = fatal as Error | null; // set inside the workers
  if (stop !== null) {
    if (stop instanceof RolloutError && failures.length > 0) {
      throw new RolloutError(stop.code, `${stop.message} (${c.episodes} episodes done, ${c.failed} failed)`, { cause: stop.cause, failures });
    }
    throw stop;
  }
  const seconds = (performance.now() - t0) / 1000;
  return {
    runId,
    out: o.out,
    episodes: c.episodes,
    skipped,
    failed: c.failed,
    interrupted: c.interrupted,
    failures,
    steps: c.steps,
    meanReward: c.episodes > 0 ? c.rewardSum / c.episodes : 0,
    solved: c.episodes > 0 ? c.solved / c.episodes : 0,
    seconds,
    episodesPerSecond: c.episodes / Math.max(seconds, 1e-9),
    stepsPerSecond: c.steps / Math.max(seconds, 1e-9),
    log: log.stats(),
  };
}

type Outcome = { kind: "done"; reward: number } | { kind: "interrupted" } | { kind: "failed"; message: string };

async function runEpisode(job: Job, o: RolloutOptions, log: TrajectoryLog, countStep: (n: number) => void): Promise<Outcome> {
  const { task, sampleIdx } = job;
  const episodeId = episodeIdOf(task.id, sampleIdx);
  const seed = episodeSeed(o.seed, task.id, sampleIdx);
  let handle: EpisodeHandle | null = null;
  try {
    handle = await o.driver.open(episodeId, log);
    const r = await handle.reset({ seed, taskId: task.id, maxSteps: o.maxSteps });
    const policy = o.policy.create({ seed, episodeId });
    const history: ChatMessage[] = policy.initialMessages(task.question, r.observation);
    log.begin({
      episodeId,
      taskId: task.id,
      groupId: task.id,
      sampleIdx,
      policy: o.policy.name,
      seed,
      split: task.split,
      question: task.question,
      promptMessages: history.map((m) => ({ ...m })),
      // which replica ran it and on which corpus, when the environment says (every simweb reset info does)
      replica: typeof r.info.replica === "string" ? r.info.replica : null,
      corpusDigest: typeof r.info.corpus_digest === "string" ? r.info.corpus_digest : null,
    });
    const tools = Array.isArray(r.info.tools) ? (r.info.tools as ToolSchema[]) : TOOL_SCHEMAS;
    let info = r.info;
    let last = r.observation;
    const used = { prompt: 0, completion: 0, reported: false };
    // the episode enforces maxSteps; the extra bound only guards against a remote server ignoring it
    for (let step = 0; step <= o.maxSteps; step++) {
      if (o.signal?.aborted) {
        await handle.close();
        return { kind: "interrupted" };
      }
      const d = await policy.act({ question: task.question, history, lastObservation: last, info, tools, step });
      if (d.tokens) Object.assign(used, { prompt: used.prompt + d.tokens.prompt, completion: used.completion + d.tokens.completion, reported: true });
      const isText = "text" in d.action;
      const callId = isText ? null : (d.callId ?? `call_${step}`);
      const content = isText ? null : (d.content ?? null);
      log.setStepExtra(episodeId, { callId, content });
      const res = await handle.step(d.action, used.reported ? { tokens: { prompt: used.prompt, completion: used.completion } } : {});
      countStep(1);
      // an in-process driver with a scripted policy never waits on I/O: without this yield the whole run is
      // one chain of microtasks, and the log's commits (DuckDB callbacks) and batch timer wait for its end
      await new Promise<void>((resolve) => setImmediate(resolve));
      const call = isText ? null : ((res.info.action ?? null) as ToolCall | null);
      appendTurn(history, {
        call,
        callId: call ? callId : null,
        text: "text" in d.action ? d.action.text : content,
        observation: res.observation,
      });
      if (res.terminated || res.truncated) {
        await handle.close().catch(() => undefined); // releases a remote episode's connection; a no-op locally
        return { kind: "done", reward: res.reward };
      }
      info = res.info;
      last = res.observation;
    }
    log.fail(episodeId, `the environment did not end the episode after ${o.maxSteps} steps`);
    await handle.close();
    return { kind: "failed", message: `the environment did not end the episode after ${o.maxSteps} steps` };
  } catch (err) {
    const message = `${(err as { code?: string }).code ?? "ERROR"}: ${(err as Error).message}`;
    log.fail(episodeId, message);
    try {
      await handle?.close();
    } catch {
      log.discard(episodeId);
    }
    log.discard(episodeId);
    return { kind: "failed", message };
  }
}
