/**
 * @module The seeded fault model: per request, a simulated latency and maybe an error, a timeout,
 * a truncated page or a blocked page, drawn from `stream(seed, "faults", episode, step, route)`.
 */
import { stream } from "../../core/index.ts";
import { FaultError } from "./errors.ts";
import { loadProfile, type FaultProfile } from "./profile.ts";

/** A simulated HTTP error status, or a timeout. */
export type SimulatedStatus = 429 | 500 | 503;

/**
 * One request's faults. Precedence: an `error` (status or "timeout") means the request failed and
 * `truncate`/`blocked` are null; otherwise `blocked` wins over `truncate`.
 * - `latencyMs`: simulated latency in whole ms (log-normal per route; `timeout_ms` on a timeout,
 *   and never above it otherwise). Account it; sleep only when real latency is asked for.
 * - `error`: null, 429, 500, 503 or "timeout".
 * - `truncate`: fraction of the page to keep (in [0.1, 0.9], 3 decimals) or null. Apply to page routes.
 * - `blocked`: "robots" | "paywall" | null. Apply to page routes.
 */
export interface FaultDraw {
  latencyMs: number;
  error: null | SimulatedStatus | "timeout";
  truncate: number | null;
  blocked: "robots" | "paywall" | null;
}

/** Arguments of {@link FaultModel.draw}; the first four key the random stream. */
export interface DrawArgs {
  seed: number | string;
  episode: number | string;
  /** Step within the episode (integer ≥ 0). */
  step: number;
  /** Route or tool name (`search`, `page`, `find`, ...): picks the latency spec. */
  route: string;
  /** Training step for the schedule; defaults to the model's `trainingStep`. */
  trainingStep?: number;
}

/** Options of the {@link FaultModel} constructor. */
export interface FaultModelOptions {
  /** Initial training step counter for the schedule (default 0). */
  trainingStep?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Seeded faults from a profile. Same arguments → same draw; the uniforms drawn do not depend on
 * the rates, so raising a rate (schedule) only adds faults to requests that already had none.
 * @example
 * const faults = FaultModel.from("mild");
 * const d = faults.draw({ seed: 42, episode: 7, step: 3, route: "search" });
 * if (d.error !== null) respondWithError(d.error);
 */
export class FaultModel {
  /** The validated profile. */
  readonly profile: FaultProfile;
  private step = 0;
  /** No rate and no latency: every draw is the same, so no random stream is derived (none is consumed elsewhere). */
  private readonly inert: boolean;

  /** Wraps an already validated profile (use `FaultModel.from` for untrusted input). */
  constructor(profile: FaultProfile, opts: FaultModelOptions = {}) {
    this.profile = profile;
    this.inert = isInert(profile);
    if (opts.trainingStep !== undefined) this.trainingStep = opts.trainingStep;
  }

  /** Builds a model from a built-in name, a JSON file path, or a profile object (validated). */
  static from(spec: string | object, opts: FaultModelOptions = {}): FaultModel {
    return new FaultModel(loadProfile(spec), opts);
  }

  /** The training step counter the schedule reads when a draw does not name one. */
  get trainingStep(): number {
    return this.step;
  }

  set trainingStep(n: number) {
    this.step = checkTrainingStep(n);
  }

  /** Rate multiplier of the schedule at a training step (1 without a schedule). */
  multiplier(trainingStep = this.step): number {
    const s = this.profile.schedule;
    if (s === undefined || s.length === 0) return 1;
    const first = s[0] as (typeof s)[number];
    if (trainingStep <= first.step) return first.multiplier;
    for (let i = 1; i < s.length; i++) {
      const b = s[i] as (typeof s)[number];
      if (trainingStep <= b.step) {
        const a = s[i - 1] as (typeof s)[number];
        return a.multiplier + ((b.multiplier - a.multiplier) * (trainingStep - a.step)) / (b.step - a.step);
      }
    }
    return (s[s.length - 1] as (typeof s)[number]).multiplier;
  }

  /** Draws the faults of one request. Throws `INVALID_ARGUMENT` for a bad step/route/training step. */
  draw(args: DrawArgs): FaultDraw {
    if (!Number.isInteger(args.step) || args.step < 0) {
      throw new FaultError("INVALID_ARGUMENT", `step must be an integer ≥ 0, got ${String(args.step)}`);
    }
    if (typeof args.route !== "string" || args.route === "") {
      throw new FaultError("INVALID_ARGUMENT", "route must be a non-empty string");
    }
    const m = this.multiplier(args.trainingStep === undefined ? this.step : checkTrainingStep(args.trainingStep));
    if (this.inert) return { latencyMs: 0, error: null, truncate: null, blocked: null };
    const p = this.profile;
    const rng = stream(args.seed, "faults", args.episode, args.step, args.route);
    // fixed draw order: z (two uniforms), error, truncate, fraction, blocked, block kind
    const z = rng.normal();
    const uError = rng.next();
    const uTruncate = rng.next();
    const uFraction = rng.next();
    const uBlocked = rng.next();
    const uKind = rng.next();

    const timeoutMs = p.timeout_ms ?? DEFAULT_TIMEOUT_MS;
    const spec = p.latency[args.route] ?? p.latency.default;
    const latency = spec === undefined ? 0 : Math.min(timeoutMs, Math.round(spec.median_ms * Math.exp(spec.sigma * z)));

    let rates = [p.errors["429"] ?? 0, p.errors["500"] ?? 0, p.errors["503"] ?? 0, p.timeout].map((r) => r * m);
    const sum = rates.reduce((a, b) => a + b, 0);
    if (sum > 1) rates = rates.map((r) => r / sum);
    const outcomes = [429, 500, 503, "timeout"] as const;
    let acc = 0;
    for (let i = 0; i < outcomes.length; i++) {
      acc += rates[i] as number;
      if (uError < acc) {
        const error = outcomes[i] as (typeof outcomes)[number];
        return { latencyMs: error === "timeout" ? timeoutMs : latency, error, truncate: null, blocked: null };
      }
    }
    if (uBlocked < Math.min(1, p.blocked * m)) {
      return { latencyMs: latency, error: null, truncate: null, blocked: uKind < 0.5 ? "robots" : "paywall" };
    }
    const truncate = uTruncate < Math.min(1, p.truncate * m) ? Math.round((0.1 + 0.8 * uFraction) * 1000) / 1000 : null;
    return { latencyMs: latency, error: null, truncate, blocked: null };
  }
}

/** Whether a profile can never fault nor delay (every rate 0, every latency median 0), schedule or not. */
function isInert(p: FaultProfile): boolean {
  const rates = [p.errors["429"], p.errors["500"], p.errors["503"], p.timeout, p.truncate, p.blocked];
  return rates.every((r) => (r ?? 0) === 0) && Object.values(p.latency).every((l) => l.median_ms === 0);
}

function checkTrainingStep(n: number): number {
  if (typeof n !== "number" || !Number.isFinite(n) || n < 0) {
    throw new FaultError("INVALID_ARGUMENT", `trainingStep must be a finite number ≥ 0, got ${String(n)}`);
  }
  return n;
}
