/** @module The remote driver: episodes over a `simweb serve` WebSocket (`/ws`, OpenEnv-shaped envelope). */
import WebSocket from "ws";
import type { EpisodeReward, EpisodeSink, EpisodeState, ResetResult, StepResult } from "../episode/index.ts";
import type { ToolCall, Trajectory, TrajectoryStep } from "../../core/index.ts";
import type { DriverReset, EpisodeDriver, EpisodeHandle } from "./driver.ts";
import { RolloutError } from "./errors.ts";

/** Options of the remote driver. */
export interface RemoteDriverOptions {
  /** Per-message reply timeout (default 60,000 ms). */
  timeoutMs?: number;
}

interface Reply {
  type: string;
  data: Record<string, unknown>;
}

/** One connection = one episode: request/reply in order. */
class Connection {
  private readonly ws: WebSocket;
  private waiting: { resolve: (r: Reply) => void; reject: (e: Error) => void } | null = null;
  private broken: Error | null = null;
  private readonly timeoutMs: number;

  private constructor(ws: WebSocket, timeoutMs: number) {
    this.ws = ws;
    this.timeoutMs = timeoutMs;
    ws.on("message", (buf) => {
      const w = this.waiting;
      this.waiting = null;
      if (!w) return;
      try {
        w.resolve(JSON.parse(buf.toString()) as Reply);
      } catch (err) {
        w.reject(new RolloutError("REMOTE_ERROR", `the server sent invalid JSON`, { cause: err }));
      }
    });
    const fail = (e: Error): void => {
      this.broken ??= e;
      this.waiting?.reject(this.broken);
      this.waiting = null;
    };
    ws.on("close", (code) => fail(new RolloutError("REMOTE_ERROR", `the server closed the connection (code ${code})`)));
    ws.on("error", (err) => fail(new RolloutError("REMOTE_ERROR", `WebSocket error: ${err.message}`, { cause: err })));
  }

  static connect(url: string, timeoutMs: number): Promise<Connection> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { handshakeTimeout: timeoutMs });
      ws.once("open", () => resolve(new Connection(ws, timeoutMs)));
      ws.once("error", (err) => reject(new RolloutError("REMOTE_ERROR", `cannot connect to ${url}: ${err.message}`, { cause: err })));
    });
  }

  request(type: string, data: unknown): Promise<Reply> {
    if (this.broken) return Promise.reject(this.broken);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting = null;
        reject(new RolloutError("TIMEOUT", `no reply to ${type} within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      this.waiting = {
        resolve: (r) => (clearTimeout(timer), resolve(r)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      };
      this.ws.send(JSON.stringify({ type, data }));
    });
  }

  close(): void {
    this.ws.close();
  }
}

function expectObservation(r: Reply, what: string): Record<string, unknown> {
  if (r.type === "observation") return r.data;
  if (r.type === "error") throw new RolloutError("REMOTE_ERROR", `${what} failed: ${String(r.data.code)}: ${String(r.data.message)}`);
  throw new RolloutError("REMOTE_ERROR", `${what}: unexpected reply type ${JSON.stringify(r.type)}`);
}

/** Rebuilds the trajectory the server ran from its observation replies, and reports it to the sink. */
class RemoteEpisode implements EpisodeHandle {
  private readonly conn: Connection;
  private readonly id: string;
  private readonly sink: EpisodeSink;
  private steps: TrajectoryStep[] = [];
  private seed = 0;
  private taskId: string | null = null;
  private question: string | null = null;
  private simSeconds = 0;
  private tokens: { prompt: number; completion: number } | null = null;
  private finalAnswer: string | null = null;
  private citations: string[] = [];
  private answers = 0;
  private done = false;

  constructor(conn: Connection, id: string, sink: EpisodeSink) {
    this.conn = conn;
    this.id = id;
    this.sink = sink;
  }

  async reset(a: DriverReset): Promise<ResetResult> {
    const d = expectObservation(await this.conn.request("reset", { seed: a.seed, task_id: a.taskId, options: { max_steps: a.maxSteps } }), "reset");
    const info = (d.info ?? {}) as Record<string, unknown>;
    Object.assign(this, { seed: a.seed, taskId: a.taskId, question: typeof info.question === "string" ? info.question : null, done: false });
    return { observation: String(d.observation ?? ""), info };
  }

  async step(action: unknown, meta: { tokens?: { prompt: number; completion: number } }): Promise<StepResult> {
    if (meta.tokens) this.tokens = meta.tokens;
    const data = meta.tokens ? { ...(action as object), tokens: meta.tokens } : action;
    const d = expectObservation(await this.conn.request("step", data), "step");
    const info = (d.info ?? {}) as Record<string, unknown>;
    const call = (info.action ?? null) as ToolCall | null;
    const rawText =
      action !== null && typeof action === "object" && typeof (action as { text?: unknown }).text === "string" ? (action as { text: string }).text : null;
    const step: TrajectoryStep = {
      index: this.steps.length,
      action: call,
      rawText,
      valid: info.valid === true,
      error: (info.error ?? null) as string | null,
      observation: String(d.observation ?? ""),
      urls: Array.isArray(info.urls) ? info.urls.map(String) : [],
      simSeconds: Number(info.sim_seconds ?? 0),
      fault: (info.fault ?? null) as string | null,
    };
    this.steps.push(step);
    this.simSeconds += step.simSeconds;
    if (call?.name === "answer") {
      this.answers++;
      if (step.valid) {
        this.finalAnswer = String(call.arguments.answer ?? "");
        this.citations = Array.isArray(call.arguments.citations) ? call.arguments.citations.map(String) : [];
      }
    }
    this.sink.onStep(this.state(null), step);
    const result: StepResult = {
      observation: step.observation,
      reward: Number(d.reward ?? 0),
      terminated: d.terminated === true,
      truncated: d.truncated === true,
      info,
    };
    if (result.terminated || result.truncated) {
      this.done = true;
      const reward: EpisodeReward = {
        reward: result.reward,
        components: (info.reward_components ?? {}) as Record<string, number>,
        details: (info.reward_details ?? {}) as Record<string, unknown>,
        errors: (info.reward_errors ?? {}) as Record<string, string>,
      };
      const endReason = typeof info.end_reason === "string" ? info.end_reason : result.terminated ? "answer" : "truncated";
      this.sink.onEnd(this.state(endReason), this.trajectory(endReason), reward);
    }
    return result;
  }

  async close(): Promise<void> {
    if (!this.done && this.taskId !== null) {
      this.done = true;
      await this.conn.request("close", {}).catch(() => undefined);
      this.sink.onEnd(this.state("closed"), this.trajectory("closed"), { reward: 0, components: {}, details: {}, errors: {} });
    }
    this.conn.close();
  }

  private state(endReason: string | null): EpisodeState {
    return {
      episodeId: this.id,
      seed: this.seed,
      taskId: this.taskId,
      question: this.question,
      stepCount: this.steps.length,
      done: this.done,
      simSeconds: this.simSeconds,
      obsTokens: 0,
      currentUrl: null,
      searchQueries: [],
      openedUrls: [],
      endReason,
    };
  }

  private trajectory(endReason: string): Trajectory {
    return {
      taskId: this.taskId ?? "",
      steps: [...this.steps],
      searchQueries: [],
      openedUrls: [],
      finalAnswer: this.finalAnswer,
      answerCount: this.answers,
      citations: this.citations,
      simSeconds: this.simSeconds,
      tokens: this.tokens,
      endReason,
    };
  }
}

/**
 * The remote driver: one WebSocket connection per episode to `url` (e.g. `ws://127.0.0.1:8080/ws`),
 * sending `reset`/`step`/`close` envelopes and rebuilding the steps for the trajectory log from the
 * `info` of each observation reply (`action`, `valid`, `error`, `urls`, `sim_seconds`, `fault`,
 * `end_reason`, `reward_components`).
 * @example
 * const driver = remoteDriver("ws://127.0.0.1:8080/ws");
 */
export function remoteDriver(url: string, o: RemoteDriverOptions = {}): EpisodeDriver {
  if (!/^wss?:\/\//.test(url)) throw new RolloutError("BAD_CONFIG", `--remote must be a ws:// or wss:// URL, got ${JSON.stringify(url)}`);
  const timeoutMs = o.timeoutMs ?? 60_000;
  return {
    kind: "remote",
    open: async (episodeId, sink) => new RemoteEpisode(await Connection.connect(url, timeoutMs), episodeId, sink),
    close: async () => undefined,
  };
}
