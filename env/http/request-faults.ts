/**
 * @module Seeded faults per HTTP request: draws from the fault model keyed by (seed, episode, step,
 * route), sets the `X-Simweb-Latency-Ms` / `X-Simweb-Fault` headers, sleeps only with real latency,
 * and turns simulated errors into HTTP errors.
 */
import { delay, type FaultDraw, type FaultModel } from "../faults/index.ts";
import { HttpError } from "./errors.ts";
import type { HttpMetrics } from "./metrics.ts";

/** Headers a client sets to key the fault draws of its requests. */
export const EPISODE_HEADER = "x-simweb-episode";
export const STEP_HEADER = "x-simweb-step";
/** Response headers set on every faulted route. */
export const LATENCY_HEADER = "X-Simweb-Latency-Ms";
export const FAULT_HEADER = "X-Simweb-Fault";

/** Options of {@link RequestFaults}. */
export interface RequestFaultsOptions {
  model: FaultModel;
  seed: number | string;
  /** Really sleep the simulated latency (default false: only report it). */
  realLatency?: boolean;
  metrics?: HttpMetrics;
  /** Most episode keys whose step counters are kept; beyond it the counters restart (default 100,000). */
  maxKeys?: number;
}

/** The keys of one request's draw. */
export interface FaultKeys {
  /** `X-Simweb-Episode`, else the route's natural key (query text, URL). */
  episode: string;
  /** `X-Simweb-Step`, else the number of earlier requests with the same episode key. */
  step: number;
}

/**
 * Applies the fault model to requests.
 * @example
 * const faults = new RequestFaults({ model: FaultModel.from("mild"), seed: 7 });
 * const draw = await faults.apply("search", "pizza", req.headers, replyHeaders); // may throw RATE_LIMITED
 */
export class RequestFaults {
  readonly model: FaultModel;
  readonly seed: number | string;
  readonly realLatency: boolean;
  /** False when the profile can never fault or add latency (draws are skipped). */
  readonly active: boolean;
  private readonly metrics: HttpMetrics | undefined;
  private readonly steps = new Map<string, number>();
  private readonly maxKeys: number;

  constructor(opts: RequestFaultsOptions) {
    this.model = opts.model;
    this.seed = opts.seed;
    this.realLatency = opts.realLatency === true;
    this.metrics = opts.metrics;
    this.maxKeys = opts.maxKeys ?? 100_000;
    const p = opts.model.profile;
    const rates = [p.errors["429"] ?? 0, p.errors["500"] ?? 0, p.errors["503"] ?? 0, p.timeout, p.truncate, p.blocked];
    this.active = Object.keys(p.latency).length > 0 || rates.some((r) => r > 0);
  }

  /** The episode and step a request is drawn under (advances the per-episode counter when no step header). */
  keys(naturalKey: string, headers: Record<string, string | string[] | undefined>): FaultKeys {
    const eh = headers[EPISODE_HEADER];
    const episode = typeof eh === "string" && eh !== "" ? eh.slice(0, 256) : naturalKey;
    const sh = headers[STEP_HEADER];
    if (typeof sh === "string" && sh !== "") {
      if (!/^\d{1,9}$/.test(sh.trim()))
        throw new HttpError("VALIDATION_ERROR", `${STEP_HEADER} must be an integer ≥ 0, got ${JSON.stringify(sh.slice(0, 40))}`);
      return { episode, step: Number(sh.trim()) };
    }
    const step = this.steps.get(episode) ?? 0;
    if (this.steps.size >= this.maxKeys && step === 0) this.steps.clear();
    this.steps.set(episode, step + 1);
    return { episode, step };
  }

  /**
   * Draws the faults of one item of a batch without applying them (no sleep, no throw): the in-band
   * faults of `/retrieve`. Counts the fault in the metrics. Null when the profile is inactive.
   */
  drawItem(route: string, naturalKey: string, headers: Record<string, string | string[] | undefined>): FaultDraw | null {
    if (!this.active) return null;
    const { episode, step } = this.keys(naturalKey, headers);
    const d = this.model.draw({ seed: this.seed, episode, step, route });
    if (d.error !== null) this.metrics?.fault(route, String(d.error));
    return d;
  }

  /**
   * Draws this request's faults and applies the request-level ones: sets the latency/fault headers in
   * `out`, sleeps when real latency is on, and throws `RATE_LIMITED` (429), `SIMULATED_SERVER_ERROR`
   * (500), `SERVICE_UNAVAILABLE` (503) or `TIMEOUT` (504). Returns the draw (for `truncate`/`blocked`),
   * or null when the profile is inactive.
   */
  async apply(
    route: string,
    naturalKey: string,
    headers: Record<string, string | string[] | undefined>,
    out: Record<string, string>,
  ): Promise<FaultDraw | null> {
    if (!this.active) {
      out[LATENCY_HEADER] = "0";
      return null;
    }
    const { episode, step } = this.keys(naturalKey, headers);
    const d = this.model.draw({ seed: this.seed, episode, step, route });
    out[LATENCY_HEADER] = String(d.latencyMs);
    const kind = d.error !== null ? String(d.error) : (d.blocked ?? (d.truncate !== null ? "truncate" : null));
    if (kind !== null) {
      out[FAULT_HEADER] = kind;
      this.metrics?.fault(route, kind);
    }
    if (this.realLatency) await delay(d.latencyMs);
    switch (d.error) {
      case null:
        return d;
      case 429:
        throw new HttpError("RATE_LIMITED", "simulated rate limit: too many requests, retry later", { headers: { ...out, "Retry-After": "1" } });
      case 500:
        throw new HttpError("SIMULATED_SERVER_ERROR", "simulated internal server error", { headers: { ...out } });
      case 503:
        throw new HttpError("SERVICE_UNAVAILABLE", "simulated service unavailable, retry later", { headers: { ...out, "Retry-After": "1" } });
      case "timeout":
        throw new HttpError("TIMEOUT", `simulated upstream timeout after ${d.latencyMs} ms`, { headers: { ...out } });
    }
  }
}
