/** @module Parsing and validating rubric configs (`{"exact_match": 1, "roi": {"weight": 0.5, ...}}`). */
import { VerifierError } from "./errors.ts";
import { REWARD_FUNCTIONS, lookupReward } from "./registry.ts";
import type { RewardRegistry } from "./registry.ts";
import type { ParamSpec, ParamValue, Params, RewardDefinition } from "./reward.ts";

/** One entry's config: its weight, optionally `fn` (the registered name, when the key is a label), and parameters. */
export interface RubricEntryConfig {
  weight: number;
  fn?: string;
  [param: string]: ParamValue | undefined;
}

/** A rubric config: component name → weight, or → `{weight, ...params}`. Weight 0 = metric. */
export type RubricConfig = Readonly<Record<string, number | RubricEntryConfig>>;

/** A validated rubric component. */
export interface RubricEntry {
  /** Component name as reported (the config key). */
  name: string;
  definition: RewardDefinition;
  /** Finite; 0 makes the component a metric (reported, not summed). */
  weight: number;
  /** Every declared parameter, defaults filled in. */
  params: Params;
}

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j] as number;
      row[j] = Math.min(cur + 1, (row[j - 1] as number) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length] as number;
}

function suggestion(name: string, registry: RewardRegistry): string {
  let best: string | null = null;
  let bestD = Infinity;
  for (const k of registry.keys()) {
    const d = levenshtein(name, k);
    if (d < bestD) [best, bestD] = [k, d];
  }
  return best !== null && bestD <= Math.max(2, Math.floor(name.length / 3)) ? ` (did you mean "${best}"?)` : "";
}

function checkParam(entry: string, key: string, value: unknown, spec: ParamSpec): ParamValue {
  const want = typeof spec.default;
  if (typeof value !== want) {
    throw new VerifierError("BAD_CONFIG", `rubric entry "${entry}": parameter "${key}" must be a ${want}, got ${JSON.stringify(value)}`);
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new VerifierError("BAD_CONFIG", `rubric entry "${entry}": parameter "${key}" must be finite`);
    if (spec.min !== undefined && value < spec.min) {
      throw new VerifierError("BAD_CONFIG", `rubric entry "${entry}": parameter "${key}" = ${value} is below its minimum ${spec.min}`);
    }
    if (spec.max !== undefined && value > spec.max) {
      throw new VerifierError("BAD_CONFIG", `rubric entry "${entry}": parameter "${key}" = ${value} is above its maximum ${spec.max}`);
    }
  }
  if (typeof value === "string" && spec.choices !== undefined && !spec.choices.includes(value)) {
    throw new VerifierError("BAD_CONFIG", `rubric entry "${entry}": parameter "${key}" must be one of ${spec.choices.join(", ")}, got "${value}"`);
  }
  return value as ParamValue;
}

function checkWeight(entry: string, w: unknown): number {
  if (typeof w !== "number" || !Number.isFinite(w)) {
    throw new VerifierError("BAD_WEIGHT", `rubric entry "${entry}": weight must be a finite number, got ${JSON.stringify(w) ?? String(w)}`);
  }
  return w;
}

/**
 * Validates a rubric config (object or JSON string) against a registry. Errors, all `VerifierError`:
 * `BAD_CONFIG` (bad JSON, not an object, empty, unknown or mistyped parameter, out-of-range value),
 * `UNKNOWN_REWARD` (unregistered name, with a "did you mean"), `BAD_WEIGHT` (missing or non-finite weight).
 * @example
 * parseRubricConfig('{"exact_match": 1, "roi": {"weight": 0.5, "budget_steps": 8}}');
 */
export function parseRubricConfig(config: RubricConfig | string, registry: RewardRegistry = REWARD_FUNCTIONS): RubricEntry[] {
  let raw: unknown = config;
  if (typeof config === "string") {
    try {
      raw = JSON.parse(config);
    } catch (err) {
      throw new VerifierError("BAD_CONFIG", `rubric config is not valid JSON: ${(err as Error).message}`, { cause: err });
    }
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new VerifierError("BAD_CONFIG", `rubric config must be an object of name → weight, got ${Array.isArray(raw) ? "an array" : typeof raw}`);
  }
  const entries = Object.entries(raw as Record<string, unknown>);
  if (entries.length === 0) throw new VerifierError("BAD_CONFIG", "rubric config is empty: name at least one reward function");
  return entries.map(([name, value]) => {
    let weight: number;
    let fnName = name;
    const params: Record<string, ParamValue> = {};
    let given: Record<string, unknown> = {};
    if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      const { weight: w, fn, ...rest } = value as Record<string, unknown>;
      if (w === undefined) throw new VerifierError("BAD_WEIGHT", `rubric entry "${name}": missing "weight"`);
      weight = checkWeight(name, w);
      if (fn !== undefined) {
        if (typeof fn !== "string") throw new VerifierError("BAD_CONFIG", `rubric entry "${name}": "fn" must be a string`);
        fnName = fn;
      }
      given = rest;
    } else {
      weight = checkWeight(name, value);
    }
    const definition = lookupReward(fnName, registry);
    if (definition === undefined) {
      throw new VerifierError(
        "UNKNOWN_REWARD",
        `unknown reward function "${fnName}"${suggestion(fnName, registry)}; known: ${[...registry.keys()].join(", ")}`,
      );
    }
    for (const [k, spec] of Object.entries(definition.params)) params[k] = spec.default;
    for (const [k, v] of Object.entries(given)) {
      const spec = definition.params[k];
      if (spec === undefined) {
        const known = Object.keys(definition.params);
        throw new VerifierError(
          "BAD_CONFIG",
          `rubric entry "${name}": unknown parameter "${k}" for ${definition.name} (known: ${known.length === 0 ? "none" : known.join(", ")})`,
        );
      }
      params[k] = checkParam(name, k, v, spec);
    }
    return { name, definition, weight, params };
  });
}
