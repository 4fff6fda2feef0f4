/**
 * @module Which log files a reader merges: paths as given, and `*` / `?` globs in a file name expanded (sorted),
 * leaving out the live snapshots (`*.live.duckdb`) a glob also matches, since a reader opens those itself.
 */
import { readdirSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { TrajectoryError } from "./errors.ts";

/** Whether a log argument is a glob (`*` or `?` in it). */
export function isLogGlob(spec: string): boolean {
  return spec.includes("*") || spec.includes("?");
}

/**
 * Expands log arguments into files: a path stays as given (a missing one fails later, when opened, with
 * `LOG_NOT_FOUND`); a glob in the file name part (`runs/served-*.duckdb`) gives the matching files of its
 * directory, sorted, live snapshots left out. Repeats are dropped. `LOG_NOT_FOUND` for a glob matching nothing.
 * @example
 * expandLogPaths(["runs/replica-*.duckdb"]) // ["runs/replica-a.duckdb", "runs/replica-b.duckdb"]
 */
export function expandLogPaths(specs: readonly string[]): string[] {
  const out: string[] = [];
  for (const spec of specs) {
    if (!isLogGlob(spec)) {
      out.push(spec);
      continue;
    }
    const dir = dirname(spec);
    if (isLogGlob(dir)) throw new TrajectoryError("BAD_CONFIG", `a log glob may only use * and ? in the file name, not in the directory: ${spec}`);
    const pattern = basename(spec);
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      names = [];
    }
    const found = names
      .filter((n) => !n.endsWith(".live.duckdb") && wildcardMatch(pattern, n))
      .map((n) => join(dir, n))
      .filter((p) => isFile(p))
      .sort();
    if (found.length === 0) throw new TrajectoryError("LOG_NOT_FOUND", `no trajectory log matches ${spec}`);
    out.push(...found);
  }
  return [...new Set(out)];
}

/** `*` (any run of characters) and `?` (one character) against a whole name, in O(pattern × name) time at worst (no backtracking blow-up). */
export function wildcardMatch(pattern: string, name: string): boolean {
  let p = 0;
  let n = 0;
  let star = -1;
  let mark = 0;
  while (n < name.length) {
    if (p < pattern.length && (pattern[p] === "?" || pattern[p] === name[n])) {
      p++;
      n++;
    } else if (p < pattern.length && pattern[p] === "*") {
      star = p++;
      mark = n;
    } else if (star >= 0) {
      p = star + 1;
      n = ++mark;
    } else return false;
  }
  while (p < pattern.length && pattern[p] === "*") p++;
  return p === pattern.length;
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}
