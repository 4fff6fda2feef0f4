/** @module Fault profiles: the JSON shape, the built-in `none | mild | harsh`, validation and loading. */
import { existsSync, readFileSync } from "node:fs";
import { FaultError } from "./errors.ts";

/** Log-normal latency of one route: `median_ms · exp(sigma · z)`, z standard normal. */
export interface LatencySpec {
  median_ms: number;
  sigma: number;
}

/** One point of a curriculum: rates are multiplied by `multiplier` at training step `step`. */
export interface SchedulePoint {
  step: number;
  multiplier: number;
}

/**
 * A fault profile (the JSON file format). Probabilities are per request. `latency` is keyed by
 * route name (`search`, `page`, `find`, ...); `default` applies to routes not listed (no entry →
 * 0 ms). `errors` + `timeout` must sum to ≤ 1 (they exclude each other). `timeout_ms` is the
 * latency charged for a timed-out request (default 10000). `schedule` points are interpolated
 * linearly by training step (before the first point its multiplier holds, after the last too).
 */
export interface FaultProfile {
  latency: Record<string, LatencySpec>;
  errors: { "429"?: number; "500"?: number; "503"?: number };
  timeout: number;
  timeout_ms?: number;
  truncate: number;
  blocked: number;
  schedule?: SchedulePoint[];
}

/** Names of the built-in profiles. */
export type BuiltinProfileName = "none" | "mild" | "harsh";

/** Built-in profiles. `none` never faults and has zero latency. */
export const BUILTIN_PROFILES: Readonly<Record<BuiltinProfileName, FaultProfile>> = {
  none: { latency: {}, errors: {}, timeout: 0, truncate: 0, blocked: 0 },
  mild: {
    latency: {
      search: { median_ms: 300, sigma: 0.5 },
      page: { median_ms: 400, sigma: 0.6 },
      find: { median_ms: 5, sigma: 0.3 },
      default: { median_ms: 200, sigma: 0.5 },
    },
    errors: { "429": 0.01, "500": 0.005, "503": 0.005 },
    timeout: 0.005,
    timeout_ms: 10_000,
    truncate: 0.02,
    blocked: 0.02,
  },
  harsh: {
    latency: {
      search: { median_ms: 800, sigma: 0.9 },
      page: { median_ms: 1200, sigma: 1.0 },
      find: { median_ms: 10, sigma: 0.5 },
      default: { median_ms: 600, sigma: 0.9 },
    },
    errors: { "429": 0.05, "500": 0.03, "503": 0.03 },
    timeout: 0.03,
    timeout_ms: 15_000,
    truncate: 0.1,
    blocked: 0.08,
  },
};

const TOP_KEYS = new Set(["latency", "errors", "timeout", "timeout_ms", "truncate", "blocked", "schedule"]);
const ERROR_KEYS = new Set(["429", "500", "503"]);

/**
 * Checks an untrusted value against the profile shape and returns it typed (a copy, missing
 * optional rates as 0). Throws `FAULT_PROFILE_INVALID` naming the first bad field.
 * @example
 * validateProfile({ errors: { "429": 0.1 } }).errors["429"]; // 0.1
 */
export function validateProfile(value: unknown, source = "fault profile"): FaultProfile {
  const bad = (field: string, why: string): never => {
    throw new FaultError("FAULT_PROFILE_INVALID", `${source}: ${field} ${why}`);
  };
  if (!isObject(value)) return bad("(root)", "must be a JSON object");
  for (const k of Object.keys(value)) if (!TOP_KEYS.has(k)) bad(k, `is not a known field (${[...TOP_KEYS].join(", ")})`);
  const prob = (field: string, v: unknown): number => {
    if (v === undefined) return 0;
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0 || v > 1) return bad(field, "must be a number in [0, 1]");
    return v;
  };
  const latency: Record<string, LatencySpec> = {};
  if (value.latency !== undefined) {
    if (!isObject(value.latency)) bad("latency", "must be an object keyed by route");
    for (const [route, spec] of Object.entries(value.latency as Record<string, unknown>)) {
      if (!isObject(spec)) return bad(`latency.${route}`, "must be {median_ms, sigma}");
      for (const k of Object.keys(spec)) if (k !== "median_ms" && k !== "sigma") bad(`latency.${route}.${k}`, "is not a known field");
      const m = spec.median_ms;
      const s = spec.sigma ?? 0;
      if (typeof m !== "number" || !Number.isFinite(m) || m < 0) bad(`latency.${route}.median_ms`, "must be a number ≥ 0");
      if (typeof s !== "number" || !Number.isFinite(s) || s < 0 || s > 5) bad(`latency.${route}.sigma`, "must be a number in [0, 5]");
      latency[route] = { median_ms: m as number, sigma: s as number };
    }
  }
  const errors: FaultProfile["errors"] = {};
  if (value.errors !== undefined) {
    if (!isObject(value.errors)) bad("errors", 'must be an object like {"429": p, "500": p, "503": p}');
    for (const [k, p] of Object.entries(value.errors as Record<string, unknown>)) {
      if (!ERROR_KEYS.has(k)) bad(`errors.${k}`, "is not a simulated status (429, 500, 503)");
      errors[k as "429"] = prob(`errors.${k}`, p);
    }
  }
  const timeout = prob("timeout", value.timeout);
  const sum = (errors["429"] ?? 0) + (errors["500"] ?? 0) + (errors["503"] ?? 0) + timeout;
  if (sum > 1 + 1e-9) bad("errors + timeout", `sum to ${sum}, more than 1`);
  const profile: FaultProfile = {
    latency,
    errors,
    timeout,
    truncate: prob("truncate", value.truncate),
    blocked: prob("blocked", value.blocked),
  };
  if (value.timeout_ms !== undefined) {
    const t = value.timeout_ms;
    if (typeof t !== "number" || !Number.isFinite(t) || t < 0) bad("timeout_ms", "must be a number ≥ 0");
    profile.timeout_ms = t as number;
  }
  if (value.schedule !== undefined) profile.schedule = validateSchedule(value.schedule, bad);
  return profile;
}

function validateSchedule(v: unknown, bad: (field: string, why: string) => never): SchedulePoint[] {
  if (!Array.isArray(v)) return bad("schedule", "must be an array of {step, multiplier}");
  const out: SchedulePoint[] = [];
  v.forEach((p: unknown, i) => {
    if (!isObject(p)) bad(`schedule[${i}]`, "must be {step, multiplier}");
    const { step, multiplier } = p as Record<string, unknown>;
    for (const k of Object.keys(p as object)) if (k !== "step" && k !== "multiplier") bad(`schedule[${i}].${k}`, "is not a known field");
    if (typeof step !== "number" || !Number.isInteger(step) || step < 0) bad(`schedule[${i}].step`, "must be an integer ≥ 0");
    if (typeof multiplier !== "number" || !Number.isFinite(multiplier) || multiplier < 0) {
      bad(`schedule[${i}].multiplier`, "must be a number ≥ 0");
    }
    const prev = out[out.length - 1];
    if (prev !== undefined && (step as number) <= prev.step) bad(`schedule[${i}].step`, "must be greater than the previous step");
    out.push({ step: step as number, multiplier: multiplier as number });
  });
  return out;
}

/**
 * Resolves a `--faults` value: a built-in name, a path to a JSON file, or a profile object.
 * Throws `FAULT_PROFILE_NOT_FOUND` for an unknown name / missing file and `FAULT_PROFILE_INVALID`
 * for unparseable JSON or a bad field.
 * @example
 * loadProfile("mild"); loadProfile("faults.json"); loadProfile({ timeout: 0.1 });
 */
export function loadProfile(spec: string | object): FaultProfile {
  if (typeof spec !== "string") return validateProfile(spec);
  if (Object.hasOwn(BUILTIN_PROFILES, spec)) return validateProfile(BUILTIN_PROFILES[spec as BuiltinProfileName], spec);
  if (!existsSync(spec)) {
    throw new FaultError("FAULT_PROFILE_NOT_FOUND", `fault profile "${spec}" is neither a built-in (none, mild, harsh) nor an existing JSON file`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(spec, "utf8"));
  } catch (err) {
    throw new FaultError("FAULT_PROFILE_INVALID", `${spec}: not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  return validateProfile(parsed, spec);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
