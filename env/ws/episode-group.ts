/** @module The episodes one client drives (a default one, plus one per `env_id`), with their capacity slots. */
import type { Episode } from "../episode/index.ts";
import { EnvError } from "../episode/index.ts";
import type { ClientMessage } from "./protocol.ts";
import { answerMcp } from "./mcp-bridge.ts";
import { freshStateData, mcpReply, resetReply, stateReply, stepReply, type ServerMessage } from "./replies.ts";
import type { SlotSource } from "./session-slots.ts";

/** Makes an episode; the composition root binds it to the loaded corpus. */
export type EpisodeFactory = (episodeId: string) => Episode;

/** Settings of an `EpisodeGroup`. */
export interface EpisodeGroupOptions {
  createEpisode: EpisodeFactory;
  /** The slot pool, usually a client's view of it (`SessionSlots.forClient`). */
  slots: SlotSource;
  /** Prefix of episode ids: `<prefix>` for the default episode, `<prefix>/<env_id>` for the others. */
  idPrefix: string;
  /** Most episodes this group may hold. */
  maxEpisodes: number;
  /** Slots the caller already took for this group (the WebSocket server takes one on connect). */
  reserved: number;
  /** Called before every `reset`; throws (e.g. `OVERLOADED`) to refuse new work. */
  admit?: () => void;
}

/** What handling one message produced; `end` asks the transport to end the connection or session. */
export interface GroupOutcome {
  /** The reply; null only for `close` of a connection that never reset its default episode. */
  reply: ServerMessage | null;
  end: boolean;
}

const DEFAULT_KEY = "";

/**
 * Routes validated messages to episodes, creating one on the first `reset` of an env_id. Each episode
 * holds one slot of the global pool; the group keeps its `reserved` slots until `dispose()`.
 * Errors are thrown as `EnvError` (the transport turns them into error replies).
 * @example
 * const g = new EpisodeGroup({ createEpisode, slots, idPrefix: "ws-1", maxEpisodes: 64, reserved: 1 });
 * const { reply } = await g.handle({ type: "reset", id: null, envId: null, args: { seed: 1 } });
 */
export class EpisodeGroup {
  private readonly opts: EpisodeGroupOptions;
  private readonly episodes = new Map<string, Episode>();
  private held: number;
  private resetCount = 0;
  private disposed = false;

  constructor(opts: EpisodeGroupOptions) {
    this.opts = opts;
    this.held = opts.reserved;
  }

  /** Number of episodes in the group. */
  get size(): number {
    return this.episodes.size;
  }

  /** Slots this group holds. */
  get slotsHeld(): number {
    return this.held;
  }

  /** Successful resets so far (a connection that never reset is reaped sooner). */
  get resets(): number {
    return this.resetCount;
  }

  /** Handles one message; `close` without env_id closes every episode and sets `end`. */
  async handle(msg: ClientMessage): Promise<GroupOutcome> {
    if (this.disposed) throw new EnvError("SESSION_ERROR", "the session is closed");
    const key = msg.envId ?? DEFAULT_KEY;
    switch (msg.type) {
      case "reset": {
        this.opts.admit?.();
        let ep = this.episodes.get(key);
        const created = ep === undefined;
        if (ep === undefined) ep = this.open(key);
        else await ep.close(); // an unfinished episode is logged as "closed" before the next starts
        try {
          const reply = resetReply(ep.reset(msg.args), msg.id, msg.envId);
          this.resetCount++;
          return { reply, end: false };
        } catch (err) {
          if (created) this.drop(key);
          throw err;
        }
      }
      case "step": {
        const ep = this.need(key, msg.envId);
        const r = await ep.step(msg.action, msg.tokens ? { tokens: msg.tokens } : {});
        return { reply: stepReply(r, msg.id, msg.envId), end: false };
      }
      case "state": {
        // as OpenEnv: state before the first reset is the fresh state (an unknown env_id stays RESET_NEEDED)
        const ep = msg.envId === null ? this.episodes.get(key) : this.need(key, msg.envId);
        if (ep === undefined) return { reply: { type: "state", ...(msg.id === null ? {} : { id: msg.id }), data: freshStateData() }, end: false };
        return { reply: stateReply(ep.state(), msg.id, msg.envId), end: false };
      }
      case "mcp": {
        const r = await answerMcp(msg.rpc, (name, args) => this.need(DEFAULT_KEY, null).step({ name, arguments: args }));
        return { reply: mcpReply(r, msg.id), end: false };
      }
      case "close": {
        if (msg.envId !== null) {
          const ep = this.episodes.get(key);
          if (ep === undefined) throw new EnvError("SESSION_ERROR", `no environment ${JSON.stringify(msg.envId)} on this connection`);
          await ep.close();
          this.drop(key);
          return { reply: stateReply(ep.state(), msg.id, msg.envId), end: false };
        }
        const ep = this.episodes.get(DEFAULT_KEY);
        await this.closeAll();
        return { reply: ep === undefined ? null : stateReply(ep.state(), msg.id, null), end: true };
      }
    }
  }

  /** Closes every episode (each is logged and scored) and forgets them; keeps the reserved slots. */
  async closeAll(): Promise<void> {
    const eps = [...this.episodes.values()];
    this.episodes.clear();
    const extra = Math.max(0, this.held - this.opts.reserved);
    this.held -= extra;
    this.opts.slots.release(extra);
    const results = await Promise.allSettled(eps.map((e) => e.close()));
    const failed = results.find((r) => r.status === "rejected");
    if (failed) throw failed.reason;
  }

  /** Closes all episodes and gives back every slot; later messages get `SESSION_ERROR`. Idempotent. */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    try {
      await this.closeAll();
    } finally {
      this.opts.slots.release(this.held);
      this.held = 0;
    }
  }

  private need(key: string, envId: string | null): Episode {
    const ep = this.episodes.get(key);
    if (ep === undefined) {
      throw new EnvError(
        "RESET_NEEDED",
        envId === null ? "call reset before step" : `no environment ${JSON.stringify(envId)}: send reset with this env_id first`,
      );
    }
    return ep;
  }

  private open(key: string): Episode {
    const { maxEpisodes, slots } = this.opts;
    if (this.episodes.size >= maxEpisodes) {
      throw new EnvError("CAPACITY_REACHED", `this connection already drives ${this.episodes.size} environments (the limit is ${maxEpisodes})`);
    }
    if (this.episodes.size >= this.held) {
      slots.acquire(); // CAPACITY_REACHED or CLIENT_LIMIT
      this.held++;
    }
    const ep = this.opts.createEpisode(key === DEFAULT_KEY ? this.opts.idPrefix : `${this.opts.idPrefix}/${key}`);
    this.episodes.set(key, ep);
    return ep;
  }

  private drop(key: string): void {
    if (!this.episodes.delete(key)) return;
    if (this.held > Math.max(this.opts.reserved, this.episodes.size)) {
      this.held--;
      this.opts.slots.release();
    }
  }
}
