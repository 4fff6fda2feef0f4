/** @module The Gym-style episode state machine: reset → step* → answer or a limit. Transport-free. */
import { stream, type ReplicaIdentity, type Rng, type Task, type ToolCall, type Trajectory, type TrajectoryStep } from "../../core/index.ts";
import type { CorpusView, Judge } from "../../verifiers/index.ts";
import { adhocTask, type AdhocTaskInput } from "./adhoc-task.ts";
import { EnvError } from "./errors.ts";
import * as obs from "./observations.ts";
import { parseTextAction, parseToolCall, type Action, type ParsedAction } from "./parse-action.ts";
import { TOOL_SCHEMAS } from "./tool-schemas.ts";
import type { EpisodeReward, EpisodeState, FaultSource, RewardScorer, TaskSource, EpisodeSink } from "./ports.ts";
import type { EpisodeWeb, OpenedPage, SearchHit } from "./web.ts";
import { runTool, type ToolOutcome } from "./run-tool.ts";

const CORPUS_VIEWS = new WeakMap<EpisodeWeb, CorpusView>();

/** Limits of one episode; hitting one ends it with `truncated = true`. */
export interface EpisodeLimits {
  maxSteps: number;
  /** Budget of simulated seconds (sum of simulated latencies). */
  maxSimSeconds: number;
  /** Budget of observation tokens over the whole episode (estimate: ceil(chars / 4)). */
  maxObsTokens: number;
}

/** Defaults: 16 steps, 300 simulated seconds, 32,000 observation tokens. */
export const DEFAULT_LIMITS: EpisodeLimits = { maxSteps: 16, maxSimSeconds: 300, maxObsTokens: 32_000 };

/** Everything an episode uses. */
export interface EpisodeDeps {
  web: EpisodeWeb;
  tasks: TaskSource;
  scorer: (task: Task) => RewardScorer;
  faults?: FaultSource;
  sink?: EpisodeSink;
  /** LLM judge for rubrics with `llm_judge` (BrowseComp-style grading). */
  judge?: Judge;
  /** Which replica runs the episode and on which corpus: reset infos carry `replica` and `corpus_digest`. */
  identity?: ReplicaIdentity;
}

/** Arguments of `reset` (Gymnasium: `reset(seed=None, options=None)`). */
export interface ResetArgs {
  seed?: number;
  taskId?: string;
  split?: string;
  /**
   * Per-episode overrides of the limits; `task` runs an ad-hoc task not in the corpus, under an id in
   * the `adhoc:` namespace (see `adhocTask`), never under a corpus task's id.
   */
  options?: Partial<EpisodeLimits> & { task?: AdhocTaskInput };
}

/** `{observation, info}` as Gymnasium's reset returns. */
export interface ResetResult {
  observation: string;
  info: Record<string, unknown>;
}

/** `step` result with Gymnasium semantics (`done = terminated || truncated` is added by transports). */
export interface StepResult {
  observation: string;
  reward: number;
  terminated: boolean;
  truncated: boolean;
  info: Record<string, unknown>;
}

/**
 * One episode at a time (reset starts the next). Every random draw is keyed by (seed, task, step).
 * @example
 * const ep = new Episode(deps, "ep-1");
 * const { observation } = ep.reset({ seed: 7 });
 * const r = await ep.step({ name: "search", arguments: { query: "founded 1987" } });
 */
export class Episode {
  private readonly deps: EpisodeDeps;
  private readonly id: string;
  private resets = 0;
  private rng: Rng | null = null;
  private lastSeed = 0;
  private task: Task | null = null;
  private limits: EpisodeLimits = DEFAULT_LIMITS;
  private steps: TrajectoryStep[] = [];
  private queries: string[] = [];
  private opened: string[] = [];
  private simSeconds = 0;
  private obsTokens = 0;
  private done = true;
  private endReason: string | null = null;
  private finalAnswer: string | null = null;
  private citations: string[] = [];
  private answerCount = 0;
  private tokens: { prompt: number; completion: number } | null = null;
  private cursor = 0;
  /** The last queued step or close: the next one starts when it settles. */
  private queue: Promise<void> = Promise.resolve();
  /** What `open(id)` refers to: the last search's results or the current page's links. */
  private view: { kind: "results"; hits: SearchHit[] } | { kind: "page"; page: OpenedPage; links: readonly string[] } | null = null;

  constructor(deps: EpisodeDeps, episodeId: string) {
    this.deps = deps;
    this.id = episodeId;
  }

  /** One view per web (verifiers cache normalised page text per view object). */
  private corpusView(): CorpusView {
    let v = CORPUS_VIEWS.get(this.deps.web);
    if (v === undefined) {
      const web = this.deps.web;
      v = { pageText: (u) => web.pageText(u) };
      CORPUS_VIEWS.set(web, v);
    }
    return v;
  }

  /** Starts an episode: picks the task (named, or drawn with the seed from the split), returns the question. */
  reset(args: ResetArgs = {}): ResetResult {
    const seed = args.seed ?? this.lastSeed + this.resets + 1;
    if (!Number.isSafeInteger(seed)) throw new EnvError("VALIDATION_ERROR", "seed must be an integer");
    const { task: adhoc, ...limitOverrides } = args.options ?? {};
    const limits = { ...DEFAULT_LIMITS, ...limitOverrides };
    for (const [k, v] of Object.entries(limits)) {
      if (typeof v !== "number" || !(v > 0)) throw new EnvError("VALIDATION_ERROR", `options.${k} must be a positive number`);
    }
    this.rng = stream(seed, "episode", "reset");
    const task = adhoc !== undefined ? adhocTask(adhoc) : this.pickTask(args);
    Object.assign(this, {
      lastSeed: seed,
      task,
      limits,
      steps: [],
      queries: [],
      opened: [],
      simSeconds: 0,
      obsTokens: 0,
      done: false,
      endReason: null,
      finalAnswer: null,
      citations: [],
      answerCount: 0,
      tokens: null,
      cursor: 0,
      view: null,
    });
    this.resets++;
    const observation = obs.questionObservation(task);
    this.obsTokens += obs.estimateTokens(observation);
    return {
      observation,
      info: {
        episode_id: this.id,
        seed,
        task_id: task.id,
        question: task.question,
        split: task.split,
        hops: task.hops,
        type: task.type,
        tools: TOOL_SCHEMAS,
        limits,
        ...(this.deps.identity ? { replica: this.deps.identity.replica, corpus_digest: this.deps.identity.corpusDigest } : {}),
      },
    };
  }

  /**
   * Executes one action: a tool call `{name, arguments}` (arguments an object or JSON string) or
   * `{text}` holding raw model output (Search-R1 tags or a `<tool_call>` block). Invalid actions are a
   * step with an observation that says what is wrong. Throws `RESET_NEEDED` before reset or after the end.
   */
  step(raw: unknown, meta: { tokens?: { prompt: number; completion: number } } = {}): Promise<StepResult> {
    // steps of one episode run one after another even when a transport calls step again before the last one settled
    const run = this.queue.then(() => this.runStep(raw, meta));
    this.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private async runStep(raw: unknown, meta: { tokens?: { prompt: number; completion: number } }): Promise<StepResult> {
    if (this.done || this.task === null) {
      throw new EnvError("RESET_NEEDED", this.task === null ? "call reset before step" : "the episode has ended: call reset");
    }
    if (meta.tokens) this.tokens = meta.tokens;
    const isText = raw !== null && typeof raw === "object" && typeof (raw as { text?: unknown }).text === "string" && !("name" in raw);
    const rawText = isText ? (raw as { text: string }).text : null;
    const parsed: ParsedAction = rawText !== null ? parseTextAction(rawText) : parseToolCall(raw);
    const index = this.steps.length;
    let outcome: ToolOutcome;
    if (!parsed.ok) {
      outcome = { observation: obs.invalidActionObservation(parsed.message), urls: [], simSeconds: 0, fault: null, error: "VALIDATION_ERROR", info: {} };
    } else {
      outcome = await this.execute(parsed.action, index, parsed.source === "search_r1_tags");
    }
    this.simSeconds += outcome.simSeconds;
    this.obsTokens += obs.estimateTokens(outcome.observation);
    const step: TrajectoryStep = {
      index,
      action: parsed.call as ToolCall | null,
      rawText,
      valid: parsed.ok,
      error: outcome.error,
      observation: outcome.observation,
      urls: outcome.urls,
      simSeconds: outcome.simSeconds,
      fault: outcome.fault,
    };
    this.steps.push(step);
    this.deps.sink?.onStep(this.state(), step);
    const terminated = parsed.ok && parsed.action.name === "answer";
    let truncated = false;
    if (!terminated) {
      const L = this.limits;
      this.endReason =
        this.steps.length >= L.maxSteps
          ? "max_steps"
          : this.simSeconds >= L.maxSimSeconds
            ? "max_sim_seconds"
            : this.obsTokens >= L.maxObsTokens
              ? "max_obs_tokens"
              : null;
      truncated = this.endReason !== null;
    } else {
      this.endReason = "answer";
    }
    const info: Record<string, unknown> = {
      step: index,
      valid: parsed.ok,
      error: outcome.error,
      action: parsed.call,
      urls: outcome.urls,
      sim_seconds: outcome.simSeconds,
      sim_seconds_total: this.simSeconds,
      obs_tokens_total: this.obsTokens,
      fault: outcome.fault,
      ...outcome.info,
    };
    let reward = 0;
    if (terminated || truncated) {
      this.done = true;
      const r = await this.finish();
      reward = r.reward;
      Object.assign(info, { end_reason: this.endReason, reward_components: r.components, reward_details: r.details, reward_errors: r.errors });
    }
    return { observation: outcome.observation, reward, terminated, truncated, info };
  }

  /** Ends the episode early (client closed): logs it with `endReason = "closed"` and scores it. */
  close(): Promise<void> {
    const run = this.queue.then(() => this.runClose());
    this.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  private async runClose(): Promise<void> {
    if (this.done || this.task === null) return;
    this.done = true;
    this.endReason = "closed";
    await this.finish();
  }

  /** A snapshot of the episode. */
  state(): EpisodeState {
    return {
      episodeId: this.id,
      seed: this.lastSeed,
      taskId: this.task?.id ?? null,
      question: this.task?.question ?? null,
      stepCount: this.steps.length,
      done: this.done,
      simSeconds: this.simSeconds,
      obsTokens: this.obsTokens,
      currentUrl: this.view?.kind === "page" ? this.view.page.url : null,
      searchQueries: [...this.queries],
      openedUrls: [...this.opened],
      endReason: this.endReason,
    };
  }

  /** The trajectory so far. */
  trajectory(): Trajectory {
    return {
      taskId: this.task?.id ?? "",
      steps: [...this.steps],
      searchQueries: [...this.queries],
      openedUrls: [...this.opened],
      finalAnswer: this.finalAnswer,
      answerCount: this.answerCount,
      citations: [...this.citations],
      simSeconds: this.simSeconds,
      tokens: this.tokens,
      endReason: this.endReason,
    };
  }

  private pickTask(args: ResetArgs): Task {
    if (args.taskId !== undefined) {
      const t = this.deps.tasks.get(args.taskId);
      if (!t) throw new EnvError("UNKNOWN_TASK", `no task with id ${JSON.stringify(args.taskId)}`);
      return t;
    }
    const pool = this.deps.tasks.list(args.split);
    if (pool.length === 0) {
      throw new EnvError("UNKNOWN_TASK", args.split ? `no tasks in split ${JSON.stringify(args.split)}` : "the corpus has no tasks");
    }
    return (this.rng as Rng).pick(pool);
  }

  private async execute(action: Action, index: number, searchR1: boolean): Promise<ToolOutcome> {
    const task = this.task as Task;
    // fault-profile routes: "search", "page" (open), "find", "answer"
    const route = action.name === "open" ? "page" : action.name;
    const fault = this.deps.faults?.draw({ seed: this.lastSeed, episode: task.id, step: index, route }) ?? null;
    const out = await runTool(action, {
      web: this.deps.web,
      fault,
      cursor: ++this.cursor,
      view: this.view,
      searchR1,
    });
    if (out.view !== undefined) this.view = out.view;
    if (action.name === "search" && out.error === null) this.queries.push(action.query);
    if (out.openedUrl) this.opened.push(out.openedUrl);
    if (action.name === "answer") {
      this.answerCount++;
      this.finalAnswer = action.answer;
      this.citations = action.citations;
    }
    return out;
  }

  private async finish(): Promise<EpisodeReward> {
    const task = this.task as Task;
    const traj = this.trajectory();
    let r: EpisodeReward;
    try {
      const s = await this.deps.scorer(task).score(task, traj, { corpus: this.corpusView(), ...(this.deps.judge ? { judge: this.deps.judge } : {}) });
      r = { reward: s.reward, components: s.components, details: s.details ?? {}, errors: s.errors ?? {} };
    } catch (err) {
      r = { reward: 0, components: {}, details: {}, errors: { rubric: (err as Error).message } };
    }
    await this.deps.sink?.onEnd(this.state(), traj, r);
    return r;
  }
}
