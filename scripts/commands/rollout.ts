/** @module `simweb rollout`: GRPO-style rollouts (G per task, C at a time) into a crash-safe trajectory log. */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { openCorpus, readTaskFile, readTasks } from "../../corpus-loader/index.ts";
import type { EpisodeDeps } from "../../env/episode/index.ts";
import { SimWeb, type SimWebOptions } from "../../env/simweb/index.ts";
import {
  DEFAULT_MAX_FAILURES,
  localDriver,
  openaiPolicy,
  randomPolicy,
  remoteDriver,
  resolveTasks,
  RolloutError,
  runRollouts,
  scriptedPolicy,
  textPolicy,
  type EpisodeDriver,
  type FailureReason,
  type PolicyFactory,
  type RolloutSummary,
} from "../../env/rollout/index.ts";
import type { Task } from "../../core/index.ts";
import { intOption, LIVE_INTERVAL_OPTION, liveOption, numberOption, type CommandSpec } from "../lib/command-spec.ts";
import { clearProgress, log, progress } from "../lib/log.ts";

/** The policies `--policy` accepts. */
export const POLICY_NAMES = ["scripted", "random", "openai", "text"] as const;

/** Opens the in-process environment for a corpus file; `close` releases it. */
export type OpenEnvironment = (dbPath: string, opts?: SimWebOptions) => Promise<{ deps: EpisodeDeps; close(): Promise<void> | void }>;

/** Default in-process environment: `SimWeb.open(db).episodeDeps(sink)` from the composition root. */
const openSimWeb: OpenEnvironment = async (dbPath, opts) => {
  const sw = await SimWeb.open(dbPath, opts);
  return { deps: sw.episodeDeps(), close: () => sw.close() };
};

/** Builds the policy factory from the command's options. */
export function policyFromOptions(o: Record<string, unknown>): PolicyFactory {
  const name = String(o.policy);
  if (o.budget !== undefined && name !== "scripted")
    throw new RolloutError("BAD_CONFIG", `--budget is the scripted policy's search budget; --policy ${name} takes none`);
  if (name === "scripted") return scriptedPolicy(o.budget !== undefined ? { budget: Number(o.budget) } : {});
  if (name === "random") return randomPolicy();
  if (o.model === undefined) throw new RolloutError("BAD_CONFIG", `--policy ${name} needs --model (and --base-url unless it is OpenAI's)`);
  const endpoint = {
    baseUrl: String(o.baseUrl),
    model: String(o.model),
    temperature: Number(o.temperature),
    ...(o.apiKey !== undefined ? { apiKey: String(o.apiKey) } : {}),
    timeoutMs: Number(o.timeout) * 1000,
    retries: Number(o.retries),
  };
  return name === "openai" ? openaiPolicy(endpoint) : textPolicy(endpoint);
}

async function corpusTasks(db: string): Promise<Task[]> {
  const h = await openCorpus(db, { readOnly: true });
  try {
    return await readTasks(h.conn);
  } finally {
    h.close();
  }
}

/** The in-process environment's options from the command's (faults, rubric, judge). */
export function simWebOptions(o: Record<string, unknown>): SimWebOptions {
  const opts: SimWebOptions = { faults: String(o.faults ?? "none") };
  if (o.allowStaleIndex === true) opts.allowStaleIndex = true;
  if (o.taskFile !== undefined) opts.taskFile = String(o.taskFile);
  if (o.rubric !== undefined) opts.rubric = String(o.rubric);
  if (o.judgeUrl !== undefined) {
    if (o.judgeModel === undefined) throw new RolloutError("BAD_CONFIG", "--judge-url needs --judge-model");
    const apiKey = o.judgeApiKey ?? process.env.OPENAI_API_KEY;
    opts.judge = {
      baseUrl: String(o.judgeUrl),
      model: String(o.judgeModel),
      cachePath: String(o.judgeCache),
      ...(apiKey !== undefined ? { apiKey: String(apiKey) } : {}),
    };
  }
  return opts;
}

/** Builds the `rollout` command over a way to open the in-process environment (tests pass their own). */
export function createRolloutCommand(openEnv: OpenEnvironment = openSimWeb): CommandSpec {
  return {
    name: "rollout",
    description: "run G rollouts per task with a policy and log every step to runs/<name>.duckdb",
    options: [
      { flags: "--db <path>", description: "corpus DuckDB file (tasks; and the environment unless --remote)", required: true },
      { flags: "--task-file <path>", description: "tasks from this JSONL/Parquet file instead of the corpus's (the corpus is not touched; not with --remote)" },
      { flags: "--tasks <set>", description: '"all", a split name, or a file of task ids (one per line or JSONL with id)', default: "all" },
      { flags: "--group-size <G>", description: "samples per task", default: 8, parse: intOption("--group-size", 1) },
      { flags: "--concurrency <C>", description: "episodes in flight", default: 4, parse: intOption("--concurrency", 1) },
      { flags: "--max-steps <S>", description: "steps per episode", default: 16, parse: intOption("--max-steps", 1) },
      { flags: "--policy <name>", description: "who acts", default: "scripted", choices: POLICY_NAMES },
      {
        flags: "--budget <n>",
        description: "scripted policy: at most n web calls (search, open, find) before answering, e.g. 2, 4 or 8 (default: up to 3 pages)",
        parse: intOption("--budget", 1),
      },
      { flags: "--seed <n>", description: "run seed (episode seeds derive from it)", default: 1, parse: intOption("--seed") },
      { flags: "--out <path>", description: "trajectory log file, e.g. runs/exp1.duckdb", required: true },
      { flags: "--resume", description: "continue the run in --out, skipping finished episodes", default: false },
      LIVE_INTERVAL_OPTION,
      { flags: "--limit <N>", description: "only the first N selected tasks", parse: intOption("--limit", 1) },
      {
        flags: "--max-failures <N>",
        description: "stop early when N episodes in a row fail for the same reason (0: never)",
        default: DEFAULT_MAX_FAILURES,
        parse: intOption("--max-failures", 0),
      },
      { flags: "--remote <url>", description: "drive a remote simweb over WebSocket (ws://host:port/ws) instead of in-process" },
      { flags: "--base-url <url>", description: "OpenAI-compatible endpoint (openai/text policies)", default: "https://api.openai.com/v1" },
      { flags: "--model <name>", description: "model name (openai/text policies)" },
      { flags: "--temperature <t>", description: "sampling temperature", default: 1.0, parse: numberOption("--temperature") },
      { flags: "--api-key <key>", description: "API key (default: env OPENAI_API_KEY)" },
      { flags: "--timeout <seconds>", description: "per-request timeout of the model endpoint", default: 120, parse: numberOption("--timeout") },
      { flags: "--retries <n>", description: "retries on 429/5xx/network errors, with exponential backoff", default: 4, parse: intOption("--retries") },
      { flags: "--faults <profile>", description: "fault profile of the in-process web: none, mild, harsh or a JSON file", default: "none" },
      { flags: "--rubric <name|json>", description: "rubric for tasks that name none: default, search_r1, browsecomp, evidence, efficient, or a JSON config" },
      { flags: "--judge-url <url>", description: "OpenAI-compatible endpoint of the LLM judge (for llm_judge rubrics)" },
      { flags: "--judge-model <name>", description: "judge model" },
      { flags: "--judge-api-key <key>", description: "judge API key (default: env OPENAI_API_KEY)" },
      { flags: "--judge-cache <path>", description: "DuckDB file caching judge verdicts by (task, answer)", default: "runs/judge-cache.duckdb" },
    ],
    action: async (_args, o) => {
      const db = String(o.db);
      if (o.taskFile !== undefined && o.remote !== undefined) {
        throw new RolloutError(
          "BAD_CONFIG",
          "--task-file with --remote: start the server with simweb serve --task-file instead (the tasks live where the episodes run)",
        );
      }
      const available = o.taskFile !== undefined ? (await readTaskFile(String(o.taskFile))).tasks : await corpusTasks(db);
      const tasks = resolveTasks(String(o.tasks), available, o.limit as number | undefined);
      const policy = policyFromOptions(o);
      let driver: EpisodeDriver;
      let closeEnv: () => Promise<void> | void = () => undefined;
      if (o.remote !== undefined) driver = remoteDriver(String(o.remote));
      else {
        const env = await openEnv(db, simWebOptions(o));
        driver = localDriver(env.deps);
        closeEnv = () => env.close();
      }
      const out = String(o.out);
      mkdirSync(dirname(out), { recursive: true });
      const ac = new AbortController();
      const onSigint = (): void => {
        if (ac.signal.aborted) process.exit(130);
        log("interrupt: finishing the log (Ctrl-C again to quit now; --resume continues)", {}, "warn");
        ac.abort();
      };
      process.on("SIGINT", onSigint);
      let summary: RolloutSummary;
      try {
        summary = await runRollouts({
          out,
          tasks,
          driver,
          policy,
          resume: o.resume === true,
          signal: ac.signal,
          groupSize: Number(o.groupSize),
          concurrency: Number(o.concurrency),
          maxSteps: Number(o.maxSteps),
          seed: Number(o.seed),
          maxFailures: Number(o.maxFailures),
          live: liveOption(o.liveInterval),
          config: {
            db,
            corpus: db,
            faults: o.faults,
            rubric: o.rubric ?? null,
            taskSelection: String(o.tasks),
            limit: o.limit ?? null,
            remote: o.remote ?? null,
          },
          onProgress: (p) =>
            progress("rollout", p.episodesDone, p.episodesTotal, {
              tasks: `${p.tasksDone}/${p.tasksTotal}`,
              "steps/s": p.stepsPerSecond,
              reward: p.meanReward,
              eta: p.etaSeconds === null ? "?" : `${Math.round(p.etaSeconds)}s`,
              ...(p.failed > 0 ? { failed: p.failed } : {}),
            }),
        });
      } catch (err) {
        if (err instanceof RolloutError && err.failures.length > 0) process.stdout.write(formatFailures(err.failures));
        throw err;
      } finally {
        process.off("SIGINT", onSigint);
        clearProgress();
        await closeEnv();
      }
      process.stdout.write(formatRolloutSummary(summary));
      if (ac.signal.aborted) process.exitCode = 130;
      else if (summary.episodes === 0 && summary.failed > 0) {
        throw new RolloutError(
          "NOTHING_USABLE",
          `the run produced no finished episode: ${summary.failed} failed (see the reasons above; each is also in ${out}, episodes.error)`,
          { failures: summary.failures },
        );
      }
    },
  };
}

/** The `rollout` command. */
export const rolloutCommand: CommandSpec = createRolloutCommand();

/** Failure reasons grouped with their counts, most frequent first. */
export function formatFailures(failures: readonly FailureReason[]): string {
  if (failures.length === 0) return "";
  const total = failures.reduce((n, f) => n + f.count, 0);
  return [
    `failures        ${total} episodes, ${failures.length} reason${failures.length === 1 ? "" : "s"}:`,
    ...failures.slice(0, 10).map((f) => `  ${String(f.count).padStart(6)} × ${f.reason}`),
    ...(failures.length > 10 ? [`  … ${failures.length - 10} more reasons`] : []),
    "",
  ].join("\n");
}

/** The end-of-run report. */
export function formatRolloutSummary(s: RolloutSummary): string {
  const reward =
    s.episodes > 0
      ? `mean ${s.meanReward.toFixed(3)}, solved ${(s.solved * 100).toFixed(1)}%`
      : s.skipped > 0 && s.failed === 0
        ? `no new episodes: all ${s.skipped} were finished by an earlier invocation (simweb view / export ${s.out})`
        : "no finished episode";
  return (
    [
      `run             ${s.runId} → ${s.out}`,
      `episodes        ${s.episodes} done, ${s.skipped} skipped (resume), ${s.failed} failed, ${s.interrupted} interrupted`,
      `reward          ${reward}`,
      `steps           ${s.steps} (${(s.steps / Math.max(1, s.episodes)).toFixed(1)} per episode)`,
      `throughput      ${s.episodesPerSecond.toFixed(1)} episodes/s, ${s.stepsPerSecond.toFixed(1)} steps/s in ${s.seconds.toFixed(2)} s`,
      `log             ${s.log.episodes} episodes, ${s.log.steps} steps in ${s.log.batches} commits`,
      "",
    ].join("\n") + formatFailures(s.failures)
  );
}
