/** @module Expands CLI inputs (files, directories, `*`/`?` globs) into a sorted file list. */
import { readdirSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { LoaderError } from "../errors.ts";

const CORPUS_EXT = /\.(warc|arc|wet|parquet|jsonl|ndjson)(\.gz)?$/i;

/**
 * Expands inputs: a file stays as it is; a directory gives its corpus files (recursively, by
 * extension, `tasks.jsonl` excluded); a basename with `*` or `?` is matched in its directory;
 * `**` in the directory part walks recursively. Sorted for determinism; duplicates removed.
 * Throws `FILE_NOT_FOUND` for an input that matches nothing.
 */
export function expandInputs(inputs: readonly string[]): string[] {
  const out = new Set<string>();
  for (const input of inputs) {
    const found = expandOne(input);
    if (found.length === 0) throw new LoaderError("FILE_NOT_FOUND", `no input file matches ${input}`);
    for (const f of found) out.add(f);
  }
  return [...out].sort();
}

function expandOne(input: string): string[] {
  if (!/[*?]/.test(input)) {
    const st = statOrNull(input);
    if (st === null) return [];
    return st.isDirectory() ? walk(input).filter(isCorpusFile) : [input];
  }
  const dir = dirname(input);
  const re = globToRegex(basename(input));
  const recursive = dir.endsWith("**");
  const root = recursive ? dirname(dir) : dir;
  if (statOrNull(root)?.isDirectory() !== true) return [];
  const files = recursive
    ? walk(root)
    : readdirSync(root)
        .map((n) => join(root, n))
        .filter((p) => statOrNull(p)?.isFile());
  return files.filter((p) => re.test(basename(p)));
}

function isCorpusFile(p: string): boolean {
  return CORPUS_EXT.test(p) && basename(p) !== "tasks.jsonl";
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

function statOrNull(p: string): import("node:fs").Stats | null {
  try {
    return statSync(p);
  } catch {
    return null;
  }
}

function globToRegex(glob: string): RegExp {
  const esc = glob
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replaceAll("*", ".*")
    .replaceAll("?", ".");
  return new RegExp(`^${esc}$`);
}

/**
 * The `tasks.jsonl` files of directory inputs (as `simweb generate` writes them): `load` loads them as
 * tasks, since a directory's corpus files skip them.
 * @example
 * tasksOfInputs(["data/world"]); // → ["data/world/tasks.jsonl"] when it exists
 */
export function tasksOfInputs(inputs: readonly string[]): string[] {
  const out: string[] = [];
  for (const input of inputs) {
    if (/[*?]/.test(input) || statOrNull(input)?.isDirectory() !== true) continue;
    const f = join(input, "tasks.jsonl");
    if (statOrNull(f)?.isFile() === true) out.push(f);
  }
  return out;
}
