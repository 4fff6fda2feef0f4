/** @module Test helper: writes a small corpus DuckDB file by inserting rows directly. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { timestampValue, type DuckDBAppender } from "@duckdb/node-api";
import { openCorpus } from "../../../corpus-loader/store/open-corpus.ts";

/** One page row for the test corpus (defaults fill the rest). */
export interface TestPage {
  id: number;
  url: string;
  title?: string;
  text?: string;
  html?: string | null;
  status?: number;
  redirectTo?: string | null;
  noindex?: boolean;
  fetchedAt?: string | null;
  lang?: string | null;
}

/** One link row for the test corpus. */
export interface TestLink {
  src: number;
  url: string;
  dst?: number | null;
  anchor: string;
}

/** Creates a corpus file in a fresh temp dir (rows appended in the given order) and returns its path. */
export async function makeCorpus(pages: TestPage[], links: TestLink[] = []): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), "simweb-pages-")), "corpus.duckdb");
  const db = await openCorpus(path, { create: true });
  try {
    const a = await db.conn.createAppender("pages");
    for (const p of pages) {
      a.appendInteger(p.id);
      a.appendVarchar(p.url);
      a.appendVarchar(new URL(p.url).host);
      a.appendVarchar(p.title ?? `Page ${p.id}`);
      a.appendVarchar(p.text ?? `Text of page ${p.id}.`);
      appendNullable(a, p.html ?? null);
      a.appendSmallInt(p.status ?? (p.redirectTo ? 301 : 200));
      a.appendVarchar("text/html");
      const at = p.fetchedAt === undefined ? "2024-01-31T12:00:00Z" : p.fetchedAt;
      if (at === null) a.appendNull();
      else a.appendTimestamp(timestampValue(BigInt(Date.parse(at)) * 1000n));
      appendNullable(a, p.lang === undefined ? "en" : p.lang);
      a.appendVarchar(`sha1:D${p.id}`);
      appendNullable(a, p.redirectTo ?? null);
      a.appendBoolean(p.noindex ?? false);
      a.appendVarchar("test.warc.gz");
      a.appendBigInt(BigInt(p.id * 100));
      a.appendVarchar(""); // headings
      a.endRow();
    }
    a.closeSync();
    const l = await db.conn.createAppender("links");
    for (const x of links) {
      l.appendInteger(x.src);
      l.appendVarchar(x.url);
      if (x.dst === undefined || x.dst === null) l.appendNull();
      else l.appendInteger(x.dst);
      l.appendVarchar(x.anchor);
      l.endRow();
    }
    l.closeSync();
  } finally {
    db.close();
  }
  return path;
}

function appendNullable(a: DuckDBAppender, v: string | null): void {
  if (v === null) a.appendNull();
  else a.appendVarchar(v);
}
