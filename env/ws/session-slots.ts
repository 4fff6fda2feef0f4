/**
 * @module Session slots shared by the WebSocket server and the HTTP mirror: the global capacity, and
 * per-client shares (per remote address, per token) so one client cannot take every slot.
 */
import { EnvError } from "../episode/index.ts";
import type { ClientId } from "../guard/index.ts";

/** Seconds a client refused for capacity or its client limit is told to wait (`Retry-After`). */
export const SLOT_RETRY_AFTER_S = 5;

/**
 * Slots held back from any single client by default: 1/32 of the capacity, at most 16 (none below 32
 * sessions). With the default 256 sessions one address may hold 248 and 8 stay free for everyone else;
 * a trainer that needs all N of its sessions from one host runs with `--max-sessions N+16`.
 * @example
 * defaultReserve(256); // → 8
 * defaultReserve(1016); // → 16
 */
export function defaultReserve(maxSessions: number): number {
  return Math.min(16, Math.floor(maxSessions / 32));
}

/** Per-client shares of {@link SessionSlots}. */
export interface SessionLimits {
  /** Most slots one remote address (an IPv6 /64) may hold (default: capacity − `defaultReserve`). */
  perAddress?: number;
  /** Most slots one token may hold (default: the capacity, i.e. no limit beyond it). */
  perToken?: number;
}

/** What an episode group draws its slots from: `acquire` throws `CAPACITY_REACHED` or `CLIENT_LIMIT`. */
export interface SlotSource {
  /** Global capacity. */
  readonly max: number;
  /** Takes one slot or throws an `EnvError` (nothing taken). */
  acquire(): void;
  /** Gives back `n` slots (default 1). */
  release(n?: number): void;
}

/**
 * Global capacity in episodes, with per-client shares. Pass the same instance to
 * `attachWebSocketServer` and `createHttpMirror` so both transports draw from one pool; take slots for
 * a client through `forClient`, which charges its address and its token too.
 * @example
 * const slots = new SessionSlots(256, { perAddress: 64 });
 * const mine = slots.forClient({ address: "10.0.0.7", token: null });
 * mine.acquire(); // throws EnvError CLIENT_LIMIT once 10.0.0.7 holds 64, CAPACITY_REACHED when all 256 are held
 * mine.release();
 */
export class SessionSlots implements SlotSource {
  /** Most slots that can be held at once. */
  readonly max: number;
  /** Most slots one address may hold. */
  readonly perAddress: number;
  /** Most slots one token may hold. */
  readonly perToken: number;
  private held = 0;
  private readonly byAddress = new Map<string, number>();
  private readonly byToken = new Map<number, number>();

  constructor(max: number, limits: SessionLimits = {}) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`maxSessions must be a positive integer, got ${max}`);
    this.max = max;
    this.perAddress = positive("maxSessionsPerClient", limits.perAddress ?? max - defaultReserve(max));
    this.perToken = positive("maxSessionsPerToken", limits.perToken ?? max);
  }

  /** Slots held now. */
  get used(): number {
    return this.held;
  }

  /** Slots one address holds now. */
  heldBy(address: string): number {
    return this.byAddress.get(address) ?? 0;
  }

  /** Takes one slot for no client in particular; false (and nothing taken) when all are held. */
  tryAcquire(): boolean {
    if (this.held >= this.max) return false;
    this.held++;
    return true;
  }

  /** Takes one slot for no client in particular, or throws `CAPACITY_REACHED`. */
  acquire(): void {
    if (!this.tryAcquire()) throw this.full();
  }

  /** Gives back `n` anonymous slots. */
  release(n = 1): void {
    this.held = Math.max(0, this.held - n);
  }

  /** A view of the pool that charges `client`'s address and token (anonymous when null). */
  forClient(client: ClientId | null): SlotSource {
    if (client === null) return this;
    let mine = 0;
    return {
      max: this.max,
      acquire: () => {
        this.take(client);
        mine++;
      },
      release: (n = 1) => {
        const k = Math.min(n, mine);
        mine -= k;
        for (let i = 0; i < k; i++) this.give(client);
      },
    };
  }

  /** Charges one slot to `c`; a share as large as the capacity is no per-client limit (the error is then `CAPACITY_REACHED`). */
  private take(c: ClientId): void {
    const a = this.heldBy(c.address);
    if (a >= this.perAddress && this.perAddress < this.max) {
      throw new EnvError(
        "CLIENT_LIMIT",
        `this client (${c.address}) already holds ${a} sessions, its limit (--max-sessions-per-client ${this.perAddress} of ${this.max}: ` +
          "slots are kept for other clients); close sessions, retry later, or raise the limit",
        { retryAfterSeconds: SLOT_RETRY_AFTER_S },
      );
    }
    const t = c.token === null ? 0 : (this.byToken.get(c.token) ?? 0);
    if (c.token !== null && t >= this.perToken && this.perToken < this.max) {
      throw new EnvError(
        "CLIENT_LIMIT",
        `this token already holds ${t} sessions, its limit (--max-sessions-per-token ${this.perToken} of ${this.max}); close sessions or retry later`,
        { retryAfterSeconds: SLOT_RETRY_AFTER_S },
      );
    }
    if (!this.tryAcquire()) throw this.full();
    this.byAddress.set(c.address, a + 1);
    if (c.token !== null) this.byToken.set(c.token, t + 1);
  }

  private give(c: ClientId): void {
    this.release();
    dec(this.byAddress, c.address);
    if (c.token !== null) dec(this.byToken, c.token);
  }

  private full(): EnvError {
    return new EnvError("CAPACITY_REACHED", `the server is at capacity (${this.max} sessions); retry later`, { retryAfterSeconds: SLOT_RETRY_AFTER_S });
  }
}

function dec<K>(m: Map<K, number>, k: K): void {
  const n = (m.get(k) ?? 0) - 1;
  if (n > 0) m.set(k, n);
  else m.delete(k);
}

function positive(name: string, n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`${name} must be a positive integer, got ${n}`);
  return n;
}
