/** @module One WebSocket connection: in-order message processing, backpressure, idle reaping, teardown. */
import type { RawData, WebSocket } from "ws";
import { EnvError } from "../episode/index.ts";
import type { EpisodeGroup } from "./episode-group.ts";
import { parseGuardedJson, type JsonLimits } from "./json-guard.ts";
import { InvalidMessageError, validateClientMessage } from "./protocol.ts";
import { errorReply, reshape, toEnvError, type ServerMessage, type WireShape } from "./replies.ts";
import type { CloseReason, StatsCounter } from "./stats.ts";

/** Settings of a connection (see `WsServerOptions` for the meaning and defaults). */
export interface WsConnectionConfig {
  idleTimeoutMs: number;
  /** Until its first successful reset, a connection lives this long from opening, whatever it sends. */
  unusedTimeoutMs: number;
  highWaterMark: number;
  maxQueued: number;
  closeTimeoutMs: number;
  json: JsonLimits;
}

/** Structured log events; the composition root forwards them to its logger. */
export type WsLog = (event: { level: "info" | "warn" | "error"; msg: string } & Record<string, unknown>) => void;

/**
 * Drives one socket. Messages are queued and processed strictly in order, one at a time; after a
 * reply, if the socket's `bufferedAmount` is above the high-water mark, the next message waits until
 * that reply is flushed to the kernel, and reading pauses (TCP pushes back on the client). Reading
 * also pauses while `maxQueued` messages wait. Every error becomes an error reply; the session lives on.
 */
export class WsConnection {
  /** Set by the heartbeat: false after a ping, true when the pong arrives. */
  alive = true;
  /** Resolves when the socket has closed and every episode is closed (logged). */
  readonly finished: Promise<void>;
  /** Resolves when the socket has closed. */
  private readonly socketClosed: Promise<void>;
  private readonly ws: WebSocket;
  private readonly group: EpisodeGroup;
  private readonly cfg: WsConnectionConfig;
  private readonly stats: StatsCounter;
  private readonly log: WsLog;
  private readonly queue: { data: RawData; binary: boolean }[] = [];
  private processing: Promise<void> | null = null;
  private pausedForQueue = false;
  private pausedForDrain = false;
  private stopping = false;
  private closeReason: CloseReason = "client";
  /** The no-reset deadline until the first reset, then the idle timer. */
  private idleTimer: NodeJS.Timeout;
  /** True once an episode was reset on this connection. */
  private used = false;
  /** Reply shape: OpenEnv's on `/openenv/ws` or `/ws?shape=openenv`, else simweb's. */
  private readonly shape: WireShape;

  constructor(ws: WebSocket, group: EpisodeGroup, cfg: WsConnectionConfig, stats: StatsCounter, log: WsLog, shape: WireShape = "simweb") {
    this.shape = shape;
    this.ws = ws;
    this.group = group;
    this.cfg = cfg;
    this.stats = stats;
    this.log = log;
    this.idleTimer = setTimeout(() => this.onIdle(), cfg.unusedTimeoutMs);
    this.idleTimer.unref();
    ws.on("message", (data, binary) => this.onMessage(data, binary));
    ws.on("pong", () => {
      this.alive = true;
    });
    ws.on("error", (err) => this.log({ level: "warn", msg: "websocket error", error: err.message }));
    let onSocketClosed = (): void => undefined;
    this.socketClosed = new Promise((resolve) => (onSocketClosed = resolve));
    this.finished = new Promise((resolve) => {
      ws.once("close", (code, reason) => {
        onSocketClosed();
        this.stopping = true;
        clearTimeout(this.idleTimer);
        this.stats.closedFor(this.closeReason);
        this.log({ level: "info", msg: "websocket closed", code, reason: reason.toString(), why: this.closeReason });
        void this.teardown().then(resolve);
      });
    });
  }

  /** Ends the connection for `reason`: finishes the message in progress, closes the episodes, then the socket. */
  async shutdown(reason: CloseReason, code: number, text: string): Promise<void> {
    if (!this.stopping) {
      this.stopping = true;
      this.closeReason = reason;
      this.queue.length = 0;
      if (!(await within(this.processing, this.cfg.closeTimeoutMs))) {
        this.log({ level: "warn", msg: "message still in progress at shutdown: dropping the socket" });
        this.ws.terminate();
      }
      try {
        await this.group.closeAll();
      } catch (err) {
        this.log({ level: "error", msg: "closing episodes failed", error: (err as Error).message });
      }
      this.ws.close(code, text);
      const timer = setTimeout(() => this.ws.terminate(), this.cfg.closeTimeoutMs);
      timer.unref();
      void this.finished.then(() => clearTimeout(timer));
    }
    await this.finished;
  }

  /** Sends a ping (the heartbeat); the pong sets `alive`. */
  ping(): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.ping();
  }

  /** Drops the socket at once (no close handshake): used for half-open peers. */
  terminate(reason: CloseReason): void {
    this.closeReason = reason;
    this.stopping = true;
    this.ws.terminate();
  }

  /** Sends an error and closes (used when the server refuses a new connection). */
  refuse(reason: CloseReason, err: EnvError, code: number): void {
    this.closeReason = reason;
    this.stopping = true;
    this.stats.error(err.code);
    void this.send(errorReply(err, null, null));
    this.ws.close(code, err.message.slice(0, 120));
  }

  private onMessage(data: RawData, binary: boolean): void {
    if (this.stopping) return;
    if (this.used) this.idleTimer.refresh(); // before the first reset, messages do not extend the deadline
    this.queue.push({ data, binary });
    if (this.queue.length >= this.cfg.maxQueued && !this.pausedForQueue) {
      this.pausedForQueue = true;
      this.ws.pause();
    }
    if (this.processing === null) this.processing = this.pump();
  }

  private async pump(): Promise<void> {
    try {
      for (let item = this.queue.shift(); item !== undefined && !this.stopping; item = this.queue.shift()) {
        if (this.pausedForQueue && this.queue.length <= this.cfg.maxQueued >> 1) {
          this.pausedForQueue = false;
          this.resumeIfFree();
        }
        const { reply, end } = await this.process(item.data, item.binary);
        if (!this.used && this.group.resets > 0) this.markUsed();
        if (this.ws.readyState !== this.ws.OPEN) break;
        const flushed = reply === null ? Promise.resolve() : this.send(reply);
        if (end) {
          this.stopping = true;
          await this.group.dispose().catch(() => undefined);
          this.ws.close(1000, "closed by client");
          break;
        }
        if (this.ws.bufferedAmount > this.cfg.highWaterMark) {
          this.pausedForDrain = true;
          this.ws.pause();
          await Promise.race([flushed, this.socketClosed]);
          this.pausedForDrain = false;
          this.resumeIfFree();
        }
      }
    } finally {
      this.processing = null;
    }
  }

  private async process(data: RawData, binary: boolean): Promise<{ reply: Reply | null; end: boolean }> {
    this.stats.messagesTotal++;
    let id = null;
    let envId = null;
    try {
      if (binary) throw new EnvError("INVALID_JSON", "binary frames are not accepted: send JSON as a text frame");
      const msg = validateClientMessage(parseGuardedJson(rawText(data), this.cfg.json));
      id = msg.id;
      envId = msg.envId;
      const out = await this.group.handle(msg);
      return { reply: out.reply === null ? null : reshape(out.reply, this.shape, msg.type === "reset"), end: out.end };
    } catch (err) {
      const e = err instanceof InvalidMessageError ? err.detail.error : toEnvError(err);
      if (err instanceof InvalidMessageError) ({ id, envId } = err.detail);
      if (e.code === "EXECUTION_ERROR") this.log({ level: "error", msg: "step failed", error: e.message });
      this.stats.error(e.code);
      return { reply: errorReply(e, id, envId), end: false };
    }
  }

  private send(msg: Reply): Promise<void> {
    return new Promise((resolve) => {
      this.ws.send(JSON.stringify(msg), () => resolve());
    });
  }

  private resumeIfFree(): void {
    if (!this.pausedForQueue && !this.pausedForDrain && !this.stopping) this.ws.resume();
  }

  /** Switches from the no-reset deadline to the (longer) idle timeout. */
  private markUsed(): void {
    this.used = true;
    clearTimeout(this.idleTimer);
    if (this.stopping) return;
    this.idleTimer = setTimeout(() => this.onIdle(), this.cfg.idleTimeoutMs);
    this.idleTimer.unref();
  }

  private onIdle(): void {
    if (this.stopping) return;
    if (this.processing !== null) {
      this.idleTimer.refresh(); // a slow step is not idleness
      return;
    }
    const message = this.used
      ? `no message for ${this.cfg.idleTimeoutMs} ms: closing the session`
      : `no episode reset within ${this.cfg.unusedTimeoutMs} ms of connecting: closing the connection (it held a session slot)`;
    this.log({
      level: "info",
      msg: this.used ? "reaping idle websocket" : "reaping websocket that never reset",
      timeoutMs: this.used ? this.cfg.idleTimeoutMs : this.cfg.unusedTimeoutMs,
    });
    this.stats.error("SESSION_ERROR");
    void this.send(errorReply(new EnvError("SESSION_ERROR", message), null, null));
    void this.shutdown("idle", 1000, this.used ? "idle timeout" : "no reset");
  }

  private async teardown(): Promise<void> {
    await within(this.processing, this.cfg.closeTimeoutMs);
    try {
      await this.group.dispose();
    } catch (err) {
      this.log({ level: "error", msg: "closing episodes failed", error: (err as Error).message });
    }
    this.stats.activeConnections--;
  }
}

/** A reply on the wire, in either shape. */
type Reply = ServerMessage | ReturnType<typeof reshape>;

/** Waits for `p` at most `ms`; true when it settled in time. */
async function within(p: Promise<unknown> | null, ms: number): Promise<boolean> {
  if (p === null) return true;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([
      p.then(
        () => true,
        () => true,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function rawText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString("utf8");
  if (Array.isArray(data)) return Buffer.concat(data).toString("utf8");
  return Buffer.from(data).toString("utf8");
}
