/** @module Reads finished episodes (with steps and reward components) back from a trajectory log. */
import { existsSync } from "node:fs";
import { DuckDBInstance } from "@duckdb/node-api";
import type { ToolCall, ChatMessage, EpisodeMeta, RecordedStep } from "../../core/index.ts";
import { TrajectoryError } from "./errors.ts";

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

/** What a log holds. */
export interface LogContents {
  runIds: string[];
  episodes: LoggedEpisode[];
  /** Every reward component name, sorted. */
  componentNames: string[];
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/**
 * Reads a log's finished episodes ordered by (run, group, sample index); episodes closed by an interrupt
 * or failed are left out. `runId` restricts to one run.
 * @example
 * const { episodes, componentNames } = await readLog("runs/demo.duckdb");
 */
export async function readLog(path: string, o: { runId?: string } = {}): Promise<LogContents> {
  if (!existsSync(path)) throw new TrajectoryError("LOG_NOT_FOUND", `trajectory log not found: ${path}`);
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(path, { access_mode: "READ_ONLY" });
  } catch (err) {
    throw new TrajectoryError("BAD_LOG", `cannot open ${path} as a DuckDB file: ${(err as Error).message}`, { cause: err });
  }
  const conn = await instance.connect();
  try {
    const tables = new Set((await conn.runAndReadAll(`SELECT table_name FROM information_schema.tables`)).getRowObjectsJS().map((r) => String(r.table_name)));
    const missing = ["runs", "episodes", "steps", "components"].filter((t) => !tables.has(t));
    if (missing.length > 0) throw new TrajectoryError("BAD_LOG", `${path} is not a simweb trajectory log: missing table(s) ${missing.join(", ")}`);
    const where = (t: string): string => `${t}.status = 'done'` + (o.runId !== undefined ? ` AND ${t}.run_id = $1` : "");
    const params = o.runId !== undefined ? [o.runId] : [];
    const eps = (
      await conn.runAndReadAll(`SELECT * FROM episodes e WHERE ${where("e")} ORDER BY run_id, group_id, sample_idx, episode_id`, params)
    ).getRowObjectsJS();
    const comps = (
      await conn.runAndReadAll(
        `SELECT c.run_id, c.episode_id, c.name, c.value FROM components c JOIN episodes e USING (run_id, episode_id) WHERE ${where("e")}`,
        params,
      )
    ).getRowObjectsJS();
    const steps = (
      await conn.runAndReadAll(
        `SELECT s.* FROM steps s JOIN episodes e USING (run_id, episode_id) WHERE ${where("e")} ORDER BY s.run_id, s.episode_id, s.idx`,
        params,
      )
    ).getRowObjectsJS();
    const key = (r: Record<string, unknown>): string => `${String(r.run_id)}\u0000${String(r.episode_id)}`;
    const byKey = new Map<string, LoggedEpisode>();
    const names = new Set<string>();
    const episodes = eps.map((r) => {
      const e: LoggedEpisode = {
        runId: String(r.run_id),
        episodeId: String(r.episode_id),
        taskId: String(r.task_id),
        groupId: String(r.group_id),
        sampleIdx: Number(r.sample_idx),
        policy: String(r.policy),
        seed: Number(r.seed),
        split: str(r.split),
        question: str(r.question),
        promptMessages: JSON.parse(String(r.prompt_messages)) as ChatMessage[],
        reward: Number(r.reward),
        components: {},
        endReason: str(r.end_reason),
        tokensPrompt: num(r.tokens_prompt),
        tokensCompletion: num(r.tokens_completion),
        simSeconds: Number(r.sim_seconds),
        wallSeconds: Number(r.wall_seconds),
        finalAnswer: str(r.final_answer),
        citations: ((r.citations ?? []) as unknown[]).map(String),
        steps: [],
      };
      byKey.set(key(r), e);
      return e;
    });
    for (const c of comps) {
      const e = byKey.get(key(c));
      if (!e) continue;
      e.components[String(c.name)] = Number(c.value);
      names.add(String(c.name));
    }
    for (const s of steps) {
      byKey.get(key(s))?.steps.push({
        index: Number(s.idx),
        action: s.action === null ? null : (JSON.parse(String(s.action)) as ToolCall),
        callId: str(s.call_id),
        content: str(s.content),
        rawText: str(s.raw_text),
        valid: s.valid === true,
        error: str(s.error),
        observation: String(s.observation),
        urls: ((s.urls ?? []) as unknown[]).map(String),
        simSeconds: Number(s.sim_seconds),
        fault: str(s.fault),
      });
    }
    return { runIds: [...new Set(episodes.map((e) => e.runId))], episodes, componentNames: [...names].sort() };
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
