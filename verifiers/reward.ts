/** @module The reward-function contract: what a reward fn receives and returns, and its parameters. */
import type { CorpusView } from "./types.ts";
import type { Task, Trajectory } from "../core/index.ts";
import type { Judge } from "./judge/judge-types.ts";

/**
 * Read-only services a reward function may use. Reward fns stay pure: everything outside the
 * (task, trajectory) pair comes in through here, and only the judge does I/O.
 */
export interface RewardContext {
  /** Corpus access for evidence rewards (`citation_valid`, `citation_precision`). */
  corpus?: CorpusView;
  /** LLM judge for `llm_judge` (see `LlmJudge`). */
  judge?: Judge;
}

/** A parameter value in a rubric config. */
export type ParamValue = number | string | boolean;

/** Resolved parameters handed to a reward fn: every declared parameter, defaults filled in. */
export type Params = Readonly<Record<string, ParamValue>>;

/** What a reward fn returns. */
export interface RewardResult {
  /** The score; must be finite. Rewards are usually in [0, 1]; penalties in [-1, 0]; metrics unbounded. */
  score: number;
  /** Diagnostics (why this score), reported per component by the rubric. */
  details?: Record<string, unknown>;
  /** A handled failure (e.g. judge timeout): the score stands (usually 0) and the rubric records this. */
  error?: string;
}

/** A reward function: pure, sync or async; a bare number is shorthand for `{score}`. */
export type RewardFn = (task: Task, trajectory: Trajectory, ctx: RewardContext, params: Params) => RewardResult | number | Promise<RewardResult | number>;

/** Declaration of one parameter a reward fn accepts in the rubric config. */
export interface ParamSpec {
  default: ParamValue;
  description: string;
  /** Inclusive bounds for numeric parameters. */
  min?: number;
  max?: number;
  /** Allowed values for string parameters. */
  choices?: readonly string[];
}

/** A registered reward function with its documentation and parameters. */
export interface RewardDefinition {
  /** Registry name used in rubric configs (snake_case). */
  name: string;
  /** One line: what it measures, its formula and range. */
  description: string;
  fn: RewardFn;
  /** Parameters accepted in the rubric config (besides `weight`). */
  params: Readonly<Record<string, ParamSpec>>;
  /** The score's inclusive bounds under these parameters; absent for unbounded metrics (counts, seconds). */
  range?: (params: Params) => readonly [number, number];
}

/** Bounds of a score in [0, 1]. */
export const UNIT_RANGE = (): readonly [number, number] => [0, 1];

/** Bounds of a penalty in [−1, 0]. */
export const PENALTY_RANGE = (): readonly [number, number] => [-1, 0];

/** Reads a numeric parameter (validated by the rubric, so a type mismatch here is a bug). */
export function numParam(params: Params, name: string): number {
  const v = params[name];
  if (typeof v !== "number") throw new TypeError(`parameter ${name} is not a number`);
  return v;
}

/** Reads a string parameter. */
export function strParam(params: Params, name: string): string {
  const v = params[name];
  if (typeof v !== "string") throw new TypeError(`parameter ${name} is not a string`);
  return v;
}

/** Reads a boolean parameter. */
export function boolParam(params: Params, name: string): boolean {
  const v = params[name];
  if (typeof v !== "boolean") throw new TypeError(`parameter ${name} is not a boolean`);
  return v;
}

/** Defaults of a parameter table, as `Params` (for calling a reward fn directly). */
export function defaultParams(specs: Readonly<Record<string, ParamSpec>>): Params {
  const out: Record<string, ParamValue> = {};
  for (const [k, s] of Object.entries(specs)) out[k] = s.default;
  return out;
}
