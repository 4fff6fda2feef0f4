/** @module The corpus digest: one short hash naming the web a process serves (pages, index, tasks), equal on every copy of a corpus file. */
import { createHash } from "node:crypto";
import type { Task } from "../../core/index.ts";
import type { PageStore } from "../pages/index.ts";
import { INDEX_VERSION, type SearchIndex } from "../search/index.ts";

/** Hex characters of sha256 kept in the digest (64 bits: enough to tell corpus versions apart, short enough for a header). */
const DIGEST_HEX = 16;

/**
 * The digest of what a replica serves: every page's identity (URL, content digest, status, redirect,
 * noindex, in id order), the index's fingerprint (the stale-index check's doc span and load counter,
 * plus its version and BM25 parameters) and the tasks. A copied corpus file has the same digest; a
 * `load` (pages), an `index` rebuild with other parameters or other tasks (`--task-file`) change it.
 * Returned as `sha256:<16 hex>`.
 * @example
 * corpusDigest(pages, engine.index, tasks.list()) // "sha256:3f9a0c1d2e4b5a67"
 */
export function corpusDigest(pages: PageStore, index: Pick<SearchIndex, "params" | "docSpan" | "docCount" | "loads">, tasks: readonly Task[]): string {
  const h = createHash("sha256");
  h.update(`simweb-corpus-v1\npages ${pages.size}\n`);
  pages.fingerprint(h);
  h.update(
    `index ${JSON.stringify({ version: INDEX_VERSION, params: index.params, docSpan: index.docSpan, docCount: index.docCount, loads: index.loads.atBuild })}\n`,
  );
  h.update(`tasks ${tasks.length}\n`);
  for (const t of tasks) h.update(`${JSON.stringify(t)}\n`);
  return `sha256:${h.digest("hex").slice(0, DIGEST_HEX)}`;
}
