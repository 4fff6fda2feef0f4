/** @module The typed records the log reader returns, and the row → record mappers (the only place that knows the column names). */
import type { ChatMessage, EpisodeMeta, RecordedStep, ToolCall } from "../../core/index.ts";

/** One logged step: the step record the log keeps (`core` declares it once). */
export type LoggedStep = RecordedStep;

/** One finished episode (status `done`) with its steps and components: what the log was told at `begin`, and the outcome. */
export interface LoggedEpisode extends EpisodeMeta {
  runId: string;
  reward: number;
  components: Record<string, number>;
  endReason: string | null;
  tokensPrompt: number | null;
  tokensCompletion: number | null;
  simSeconds: number;
  wallSeconds: number;
  finalAnswer: string | null;
  citations: string[];
  steps: LoggedStep[];
}

/** What a log holds (its finished episodes). */
export interface LogContents {
  runIds: string[];
  episodes: LoggedEpisode[];
  /** Every reward component name, sorted. */
  componentNames: string[];
}

/** One run of the log (a `runs` row). */
export interface LoggedRun {
  runId: string;
  policy: string;
  groupSize: number;
  seed: number;
  config: Record<string, unknown>;
  versions: Record<string, unknown>;
  /** ISO timestamps. */
  startedAt: string | null;
  resumedAt: string | null;
}

/** The distinct values a log holds, for filter choices. */
export interface LogChoices {
  componentNames: string[];
  policies: string[];
  /** End reasons, `none` for episodes without one. */
  endReasons: string[];
  statuses: string[];
  taskIds: string[];
}

/** One row of an episode list (any status). */
export interface EpisodeSummary {
  runId: string;
  episodeId: string;
  taskId: string;
  groupId: string;
  sampleIdx: number;
  policy: string;
  question: string | null;
  reward: number;
  status: string;
  endReason: string | null;
  stepCount: number;
  simSeconds: number;
  finalAnswer: string | null;
}

/** One episode in full, whatever its status, with what its verifiers said. */
export interface EpisodeDetail extends LoggedEpisode {
  /** done | closed | error. */
  status: string;
  error: string | null;
  rewardDetails: Record<string, unknown>;
  rewardErrors: Record<string, unknown>;
  /** When it ended (ISO), or null in logs written before schema 2. */
  finishedAt: string | null;
}

/** A step reduced to what a group table shows. */
export interface StepAction {
  index: number;
  action: ToolCall | null;
  rawText: string | null;
  valid: boolean;
  error: string | null;
}

/** One rollout of a group: its summary, components and actions. */
export interface GroupMember extends EpisodeSummary {
  components: Record<string, number>;
  actions: StepAction[];
}

/** A group (task) and the rollouts of it that pass a filter. */
export interface GroupSummary {
  runId: string;
  groupId: string;
  taskId: string;
  question: string | null;
  rollouts: number;
  meanReward: number;
  minReward: number;
  maxReward: number;
}

/** What overview statistics need of an episode. */
export interface EpisodeOutcome {
  runId: string;
  episodeId: string;
  taskId: string;
  groupId: string;
  sampleIdx: number;
  status: string;
  reward: number;
  stepCount: number;
  simSeconds: number;
  wallSeconds: number;
  endReason: string | null;
  /** The value of the component asked for (the correctness component), null when absent. */
  correctness: number | null;
  /** Seconds from its run's start to its end, or null when the log has no end times (schema 1). */
  finishedAfter: number | null;
}

/** What a comparison of runs needs of a finished episode: its outcome, tokens and tool calls by tool name. */
export interface EpisodeUsage extends EpisodeOutcome {
  tokensPrompt: number | null;
  tokensCompletion: number | null;
  /** Steps that carried a parsed action (valid or not), as verifiers' `toolCalls`. */
  toolCalls: number;
  /** Those steps by tool name (`search`, `open`, `find`, `answer`...). */
  callsByTool: Record<string, number>;
}

/** A page of a list. */
export interface Page<T> {
  /** Rows matching, over all pages. */
  total: number;
  rows: T[];
}

/** A result row (DuckDB JS values). */
export type Row = Record<string, unknown>;

/** Converts DuckDB's JS values for JSON: bigint → number, Date → ISO string, recursively in lists. */
export function plain(v: unknown): unknown {
  if (typeof v === "bigint") return Number(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (Array.isArray(v)) return v.map(plain);
  return v;
}

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const strings = (v: unknown): string[] => ((v ?? []) as unknown[]).map(String);
/** Parses a JSON column, `fallback` when null or malformed. */
export function jsonOf<T>(s: unknown, fallback: T): T {
  if (s === null || s === undefined) return fallback;
  try {
    return JSON.parse(String(s)) as T;
  } catch {
    return fallback;
  }
}
const objectOf = (s: unknown): Record<string, unknown> => {
  const v = jsonOf<unknown>(s, {});
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
};
const iso = (v: unknown): string | null => (v === null || v === undefined ? null : String(plain(v)));

/** A `runs` row. */
export function runOf(r: Row): LoggedRun {
  return {
    runId: String(r.run_id),
    policy: String(r.policy),
    groupSize: Number(r.group_size),
    seed: Number(r.seed),
    config: objectOf(r.config),
    versions: objectOf(r.versions),
    startedAt: iso(r.started_at),
    resumedAt: iso(r.resumed_at),
  };
}

/** An `episodes` row as a list row. */
export function summaryOf(r: Row): EpisodeSummary {
  return {
    runId: String(r.run_id),
    episodeId: String(r.episode_id),
    taskId: String(r.task_id),
    groupId: String(r.group_id),
    sampleIdx: Number(r.sample_idx),
    policy: String(r.policy),
    question: str(r.question),
    reward: Number(r.reward),
    status: String(r.status),
    endReason: str(r.end_reason),
    stepCount: Number(r.steps),
    simSeconds: Number(r.sim_seconds),
    finalAnswer: str(r.final_answer),
  };
}

/** A full `episodes` row (steps and components filled in by the caller). */
export function episodeOf(r: Row): LoggedEpisode {
  return {
    runId: String(r.run_id),
    episodeId: String(r.episode_id),
    taskId: String(r.task_id),
    groupId: String(r.group_id),
    sampleIdx: Number(r.sample_idx),
    policy: String(r.policy),
    seed: Number(r.seed),
    split: str(r.split),
    question: str(r.question),
    promptMessages: jsonOf<ChatMessage[]>(r.prompt_messages, []),
    reward: Number(r.reward),
    components: {},
    endReason: str(r.end_reason),
    tokensPrompt: num(r.tokens_prompt),
    tokensCompletion: num(r.tokens_completion),
    simSeconds: Number(r.sim_seconds),
    wallSeconds: Number(r.wall_seconds),
    finalAnswer: str(r.final_answer),
    citations: strings(r.citations),
    replica: r.replica === undefined ? null : str(r.replica),
    corpusDigest: r.corpus_digest === undefined ? null : str(r.corpus_digest),
    steps: [],
  };
}

/** A full `episodes` row with status, error and verifier output. */
export function detailOf(r: Row): EpisodeDetail {
  return {
    ...episodeOf(r),
    status: String(r.status),
    error: str(r.error),
    rewardDetails: objectOf(r.reward_details),
    rewardErrors: objectOf(r.reward_errors),
    finishedAt: r.finished_at === undefined ? null : iso(r.finished_at),
  };
}

/** A `steps` row. */
export function stepOf(s: Row): LoggedStep {
  return {
    index: Number(s.idx),
    action: s.action === null || s.action === undefined ? null : jsonOf<ToolCall | null>(s.action, null),
    callId: str(s.call_id),
    content: str(s.content),
    rawText: str(s.raw_text),
    valid: s.valid === true,
    error: str(s.error),
    observation: String(s.observation),
    urls: strings(s.urls),
    simSeconds: Number(s.sim_seconds),
    fault: str(s.fault),
  };
}

/** A `steps` row reduced to its action. */
export function actionOf(s: Row): StepAction {
  return {
    index: Number(s.idx),
    action: s.action === null ? null : jsonOf<ToolCall | null>(s.action, null),
    rawText: str(s.raw_text),
    valid: s.valid === true,
    error: str(s.error),
  };
}

/** An overview row (see {@link EpisodeOutcome}). */
export function outcomeOf(r: Row): EpisodeOutcome {
  return {
    runId: String(r.run_id),
    episodeId: String(r.episode_id),
    taskId: String(r.task_id),
    groupId: String(r.group_id),
    sampleIdx: Number(r.sample_idx),
    status: String(r.status),
    reward: Number(r.reward),
    stepCount: Number(r.steps),
    simSeconds: Number(r.sim_seconds),
    wallSeconds: Number(r.wall_seconds),
    endReason: str(r.end_reason),
    correctness: num(r.correct),
    finishedAfter: num(r.finished),
  };
}

/** An outcome row with its tokens and tool-call counts (`calls`: a list of `{name, n}` structs). */
export function usageOf(r: Row): EpisodeUsage {
  const callsByTool: Record<string, number> = {};
  let toolCalls = 0;
  for (const c of (plain(r.calls) ?? []) as Array<{ name: unknown; n: unknown }>) {
    const n = Number(c.n);
    toolCalls += n;
    callsByTool[String(c.name)] = (callsByTool[String(c.name)] ?? 0) + n;
  }
  return { ...outcomeOf(r), tokensPrompt: num(r.tokens_prompt), tokensCompletion: num(r.tokens_completion), toolCalls, callsByTool };
}
