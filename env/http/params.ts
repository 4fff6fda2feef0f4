/** @module Validation of query parameters and JSON fields: allowed names, integers in bounds, URLs. */
import { HttpError } from "./errors.ts";

/** Longest URL accepted as a parameter. */
export const MAX_URL_CHARS = 4096;

/**
 * Parses a query string, rejecting names outside `allowed` (`UNKNOWN_PARAMETER`) and repeated names
 * (`VALIDATION_ERROR`).
 * @example
 * queryParams("q=a&k=3", ["q", "k", "offset"]).get("k"); // "3"
 */
export function queryParams(search: string, allowed: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  if (search === "") return out;
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(search);
  } catch (err) {
    throw new HttpError("BAD_REQUEST", `malformed query string: ${(err as Error).message}`);
  }
  for (const [k, v] of params) {
    if (!allowed.includes(k)) {
      throw new HttpError("UNKNOWN_PARAMETER", `unknown parameter ${JSON.stringify(k.slice(0, 60))}; this route takes ${allowed.join(", ")}`);
    }
    if (out.has(k)) throw new HttpError("VALIDATION_ERROR", `parameter ${k} is given more than once`);
    out.set(k, v);
  }
  return out;
}

/** Rejects keys of a JSON object outside `allowed` (`UNKNOWN_PARAMETER`). */
export function checkKeys(obj: Record<string, unknown>, allowed: readonly string[], where: string): void {
  for (const k of Object.keys(obj)) {
    if (!allowed.includes(k)) {
      throw new HttpError("UNKNOWN_PARAMETER", `unknown field ${JSON.stringify(k.slice(0, 60))} in ${where}; accepted fields: ${allowed.join(", ")}`);
    }
  }
}

/** An integer in [min, max] from a query string value or a JSON number; `undefined`/"" → `fallback`. */
export function intParam(name: string, value: unknown, min: number, max: number, fallback: number): number {
  if (value === undefined || value === null || value === "") return fallback;
  const n = typeof value === "string" && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof n !== "number" || !Number.isInteger(n) || n < min || n > max) {
    throw new HttpError("VALIDATION_ERROR", `${name} must be an integer in [${min}, ${max}], got ${JSON.stringify(value)}`);
  }
  return n;
}

/** A boolean from JSON (`true`/`false`) or a query string (`true|false|1|0`); undefined → fallback. */
export function boolParam(name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined || value === null) return fallback;
  if (typeof value === "boolean") return value;
  if (value === "true" || value === "1") return true;
  if (value === "false" || value === "0") return false;
  throw new HttpError("VALIDATION_ERROR", `${name} must be a boolean, got ${JSON.stringify(value)}`);
}

/** A required string of at most `maxChars` characters, non-empty unless `allowEmpty`. */
export function stringParam(name: string, value: unknown, maxChars: number, allowEmpty = false): string {
  if (typeof value !== "string") {
    throw new HttpError("VALIDATION_ERROR", value === undefined ? `${name} is required` : `${name} must be a string, got ${typeof value}`);
  }
  if (!allowEmpty && value.trim() === "") throw new HttpError("VALIDATION_ERROR", `${name} must not be empty`);
  if (value.length > maxChars) throw new HttpError("VALIDATION_ERROR", `${name} is longer than ${maxChars} characters`);
  return value;
}

/** A non-empty array of at most `maxItems` strings (each checked by `stringParam`). */
export function stringList(name: string, value: unknown, maxItems: number, maxChars: number, allowEmpty = false): string[] {
  if (!Array.isArray(value)) throw new HttpError("VALIDATION_ERROR", value === undefined ? `${name} is required` : `${name} must be an array of strings`);
  if (value.length === 0) throw new HttpError("VALIDATION_ERROR", `${name} must not be empty`);
  if (value.length > maxItems) throw new HttpError("VALIDATION_ERROR", `${name} has ${value.length} entries; at most ${maxItems} per request`);
  return value.map((v, i) => stringParam(`${name}[${i}]`, v, maxChars, allowEmpty));
}

const CONTROL = /[\u0000-\u001f\u007f]/;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/**
 * Checks a URL an agent asks for: a string without control characters, at most 4096 characters,
 * scheme `http`/`https` (a URL without a scheme gets `https://`). Throws `BAD_URL` naming the problem.
 * @example
 * checkUrl("example.com/a"); // "https://example.com/a"
 * checkUrl("file:///etc/passwd"); // throws BAD_URL: unsupported scheme "file"
 */
export function checkUrl(value: unknown, name = "url"): string {
  if (typeof value !== "string" || value === "") {
    throw new HttpError("BAD_URL", value === undefined || value === "" ? `${name} is required` : `${name} must be a string`);
  }
  if (value.length > MAX_URL_CHARS) throw new HttpError("BAD_URL", `${name} is longer than ${MAX_URL_CHARS} characters`);
  if (CONTROL.test(value)) throw new HttpError("BAD_URL", `${name} contains control characters`);
  const v = value.trim();
  const m = SCHEME.exec(v);
  if (m && !/^[^/?#]*\.[^/?#]*:\d*(?:[/?#]|$)/.test(v)) {
    const scheme = (m[1] as string).toLowerCase();
    if (scheme !== "http" && scheme !== "https") {
      throw new HttpError("BAD_URL", `unsupported scheme ${JSON.stringify(scheme)} in ${name}: only http and https URLs are on the simulated web`);
    }
    if (!/^https?:\/\/[^/?#\s]+/i.test(v)) throw new HttpError("BAD_URL", `${name} has no host: ${JSON.stringify(v.slice(0, 200))}`);
    return v;
  }
  if (v.startsWith("//")) return `https:${v}`;
  if (!/^[^/?#\s]+\.[^/?#\s]+/.test(v)) throw new HttpError("BAD_URL", `${name} is not an http(s) URL: ${JSON.stringify(v.slice(0, 200))}`);
  return `https://${v}`;
}
