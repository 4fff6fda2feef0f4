/** @module Cheap checks on raw JSON text before parsing it: byte size and nesting depth. */
import { EnvError } from "../episode/index.ts";

/** Default nesting limit of a client message (objects and arrays). */
export const DEFAULT_MAX_DEPTH = 32;

/**
 * The nesting depth of JSON text, scanned without parsing (brackets inside strings are skipped).
 * Stops counting once `limit` is exceeded, so a hostile `[[[[…` costs one pass at most.
 * @example
 * jsonDepth('{"a":[1,{"b":"[["}]}'); // → 3
 */
export function jsonDepth(text: string, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return max;
}

/** Limits applied to one client message. */
export interface JsonLimits {
  /** Largest accepted message, bytes of UTF-8. */
  maxBytes: number;
  /** Deepest accepted nesting of objects and arrays. */
  maxDepth: number;
}

/**
 * Parses a client message's JSON text after the size and depth checks.
 * Throws `EnvError` `MESSAGE_TOO_BIG`, `VALIDATION_ERROR` (too deep) or `INVALID_JSON`.
 * @example
 * parseGuardedJson('{"type":"state"}', { maxBytes: 1024, maxDepth: 8 }); // → { type: "state" }
 */
export function parseGuardedJson(text: string, limits: JsonLimits): unknown {
  // UTF-8 needs at most 3 bytes per UTF-16 unit: skip the exact count when it cannot matter
  if (text.length * 3 > limits.maxBytes) {
    const bytes = Buffer.byteLength(text, "utf8");
    if (bytes > limits.maxBytes) {
      throw new EnvError("MESSAGE_TOO_BIG", `message is ${bytes} bytes; the limit is ${limits.maxBytes}`);
    }
  }
  if (jsonDepth(text, limits.maxDepth) > limits.maxDepth) {
    throw new EnvError("VALIDATION_ERROR", `message nests objects/arrays deeper than ${limits.maxDepth} levels`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new EnvError("INVALID_JSON", `message is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
}
