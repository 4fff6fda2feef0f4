/**
 * @module Admission control: sheds new work (HTTP 429 + `Retry-After`, `/ws` upgrades refused with 429,
 * `reset`s answered `OVERLOADED`) while the event loop lags or too many requests are in flight, so the
 * sessions already running keep their latency instead of everything slowing down together.
 */
import { GuardError } from "./errors.ts";

/** Options of {@link LoadShedder}; every threshold can be turned off with 0. */
export interface LoadShedderOptions {
  /** Event-loop lag (ms) that counts as overload (default 1,000; 0: never shed on lag). */
  maxLagMs?: number;
  /** Consecutive lag samples at or above `maxLagMs` before shedding starts (default 2: one long pause is not overload). */
  lagSamples?: number;
  /** How often the lag is sampled (default 250 ms). */
  sampleMs?: number;
  /** HTTP requests in flight at which new ones are shed (default 4,096; 0: no limit). */
  maxInFlight?: number;
}

/** Counters of the shedder, for `/metrics`. */
export interface ShedStats {
  /** The last event-loop lag sample, and the largest since start, ms. */
  lagMs: number;
  peakLagMs: number;
  /** True while lag shedding is on. */
  overloaded: boolean;
  inFlight: number;
  /** Requests, upgrades and resets refused, by reason. */
  shedTotal: { lag: number; in_flight: number };
}

/**
 * Samples event-loop lag with a timer (how late each tick fires) and counts requests in flight.
 * `check()` throws `OVERLOADED` (with `retryAfterSeconds`) when new work should be refused.
 * @example
 * const shed = new LoadShedder({ maxLagMs: 500 });
 * const done = shed.enter(); // a request starts
 * try { shed.check(); … } finally { done(); }
 * shed.stop();
 */
export class LoadShedder {
  private readonly maxLagMs: number;
  private readonly lagSamples: number;
  private readonly maxInFlight: number;
  private readonly timer: NodeJS.Timeout | null;
  private lag = 0;
  private peak = 0;
  private over = 0;
  private inFlight = 0;
  private readonly shed = { lag: 0, in_flight: 0 };

  constructor(opts: LoadShedderOptions = {}) {
    this.maxLagMs = opts.maxLagMs ?? 1_000;
    this.lagSamples = Math.max(1, opts.lagSamples ?? 2);
    this.maxInFlight = opts.maxInFlight ?? 4_096;
    const sampleMs = opts.sampleMs ?? 250;
    if (this.maxLagMs > 0) {
      let last = performance.now();
      this.timer = setInterval(() => {
        const now = performance.now();
        this.lag = Math.max(0, now - last - sampleMs);
        this.peak = Math.max(this.peak, this.lag);
        last = now;
        this.over = this.lag >= this.maxLagMs ? this.over + 1 : 0;
      }, sampleMs);
      this.timer.unref();
    } else this.timer = null;
  }

  /** True while lag has stayed at or above `maxLagMs` for `lagSamples` samples. */
  get overloaded(): boolean {
    return this.timer !== null && this.over >= this.lagSamples;
  }

  /** Counts one request in flight; call the returned function once when it is answered (idempotent). */
  enter(): () => void {
    this.inFlight++;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.inFlight--;
    };
  }

  /** Throws `OVERLOADED` when new work should be shed now (call `enter()` first for an HTTP request). */
  check(): void {
    if (this.overloaded) {
      this.shed.lag++;
      const retry = Math.min(30, Math.max(1, Math.ceil(this.lag / 1000)));
      throw new GuardError("OVERLOADED", `the server is overloaded (event loop ${Math.round(this.lag)} ms behind): retry in ${retry} s`, {
        retryAfterSeconds: retry,
      });
    }
    if (this.maxInFlight > 0 && this.inFlight > this.maxInFlight) {
      this.shed.in_flight++;
      throw new GuardError("OVERLOADED", `the server is overloaded (${this.inFlight - 1} requests in flight, the limit is ${this.maxInFlight}): retry in 1 s`, {
        retryAfterSeconds: 1,
      });
    }
  }

  /** A snapshot of the counters. */
  stats(): ShedStats {
    return { lagMs: this.lag, peakLagMs: this.peak, overloaded: this.overloaded, inFlight: this.inFlight, shedTotal: { ...this.shed } };
  }

  /** Stops sampling. */
  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
  }
}
