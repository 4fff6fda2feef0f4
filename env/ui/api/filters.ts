/** @module Episode filters and list parameters read from a query string (the log reader turns them into queries). */
import type { EpisodeFilter } from "../../trajectory/index.ts";
import { UiError } from "../errors.ts";

/** Filters shared by the overview, the episode list and the task list (the log reader's filter). */
export type EpisodeFilters = EpisodeFilter;

/** Longest accepted search string. */
export const MAX_QUERY_CHARS = 500;

/** A non-empty string parameter, or undefined. */
export function strParam(p: URLSearchParams, name: string): string | undefined {
  const v = p.get(name);
  if (v === null || v.trim() === "") return undefined;
  if (v.length > MAX_QUERY_CHARS) throw new UiError("BAD_PARAM", `${name} is longer than ${MAX_QUERY_CHARS} characters`);
  return v;
}

/** A required string parameter. */
export function requiredParam(p: URLSearchParams, name: string): string {
  const v = strParam(p, name);
  if (v === undefined) throw new UiError("BAD_PARAM", `missing query parameter ${name}`);
  return v;
}

/** A finite number parameter, or undefined. */
export function numParam(p: URLSearchParams, name: string): number | undefined {
  const v = strParam(p, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new UiError("BAD_PARAM", `${name} must be a number, got ${JSON.stringify(v)}`);
  return n;
}

/** An integer parameter in [min, max], `def` when absent. */
export function intParam(p: URLSearchParams, name: string, def: number, min: number, max: number): number {
  const n = numParam(p, name);
  if (n === undefined) return def;
  if (!Number.isInteger(n) || n < min || n > max) throw new UiError("BAD_PARAM", `${name} must be an integer in [${min}, ${max}], got ${n}`);
  return n;
}

/** Reads the filters from a query string. */
export function filtersOf(p: URLSearchParams): EpisodeFilters {
  const f: EpisodeFilters = {};
  for (const k of ["run", "q", "policy", "endReason", "status", "group"] as const) {
    const v = strParam(p, k);
    if (v !== undefined) f[k] = v;
  }
  const lo = numParam(p, "minReward");
  const hi = numParam(p, "maxReward");
  if (lo !== undefined) f.minReward = lo;
  if (hi !== undefined) f.maxReward = hi;
  if (lo !== undefined && hi !== undefined && lo > hi) throw new UiError("BAD_PARAM", `minReward (${lo}) is above maxReward (${hi})`);
  return f;
}
