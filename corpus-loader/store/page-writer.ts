/** @module Appends pages and links to the corpus with dense ids and dedup by URL and content digest. */
import { createHash } from "node:crypto";
import { timestampValue, type DuckDBAppender, type DuckDBConnection } from "@duckdb/node-api";
import type { PageRecord } from "../types.ts";
import { base32 } from "../warc/warc-writer.ts";

/** What happened to one page offered to the writer. */
export type AddOutcome = "added" | "replaced" | "duplicate_url" | "duplicate_content";

/** Counters of one writer session. */
export interface WriteCounts {
  added: number;
  replaced: number;
  duplicateUrl: number;
  duplicateContent: number;
  links: number;
}

/** Characters of page strings appended between two appender flushes. */
const FLUSH_CHARS = 48 * 1024 * 1024;

interface Known {
  id: number;
  fetchedMs: number;
}

/** Content digest used for dedup: sha1 of the page text, base32, as WARC digests are written. */
export function textDigest(text: string): string {
  return "sha1:" + base32(createHash("sha1").update(text).digest());
}

/** Host of a canonical URL ("" when unparseable). */
export function hostOfUrl(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return "";
  }
}

/**
 * Incremental writer of the `pages` and `links` tables. Loads the URLs and digests already stored so
 * a second load adds, dedups, and keeps ids dense (0..N-1). A URL seen again with a later fetch time
 * replaces the stored page in place (same id); an equal or older fetch is a duplicate. Pages whose
 * text digest equals a stored page's (different URL, status 200, non-empty text) are duplicates.
 * @example
 * const w = await PageWriter.open(conn);
 * for await (const ev of readWarc(file)) if (ev.kind === "page") w.add(ev.page);
 * await w.finish();
 */
export class PageWriter {
  readonly counts: WriteCounts = { added: 0, replaced: 0, duplicateUrl: 0, duplicateContent: 0, links: 0 };
  private readonly conn: DuckDBConnection;
  private readonly byUrl: Map<string, Known>;
  private readonly byDigest: Set<string>;
  private nextId: number;
  private pages!: DuckDBAppender;
  private links!: DuckDBAppender;
  private pagesRepl!: DuckDBAppender;
  private linksRepl!: DuckDBAppender;
  /** String bytes appended since the last flush. */
  private pending = 0;

  private constructor(conn: DuckDBConnection, byUrl: Map<string, Known>, byDigest: Set<string>, nextId: number) {
    this.conn = conn;
    this.byUrl = byUrl;
    this.byDigest = byDigest;
    this.nextId = nextId;
  }

  /** Opens a writer on a corpus connection (tables must exist: see `openCorpus`). */
  static async open(conn: DuckDBConnection): Promise<PageWriter> {
    const byUrl = new Map<string, Known>();
    const byDigest = new Set<string>();
    let maxId = -1;
    const res = await conn.stream(`SELECT id, url, coalesce(epoch_ms(fetched_at), 0)::DOUBLE AS ms, digest, status, length(text) AS len FROM pages`);
    for await (const rows of res.yieldRows()) {
      for (const row of rows) {
        const id = Number(row[0]);
        byUrl.set(String(row[1]), { id, fetchedMs: Number(row[2]) });
        if (Number(row[4]) === 200 && Number(row[5]) > 0) byDigest.add(String(row[3]));
        if (id > maxId) maxId = id;
      }
    }
    const w = new PageWriter(conn, byUrl, byDigest, maxId + 1);
    // staging for in-place replacements: each staged version carries a sequence number (`v`)
    await conn.run(`CREATE OR REPLACE TABLE _pages_replace AS SELECT 0 AS v, * FROM pages LIMIT 0`);
    await conn.run(`CREATE OR REPLACE TABLE _links_replace AS SELECT 0 AS v, * FROM links LIMIT 0`);
    w.pages = await conn.createAppender("pages");
    w.links = await conn.createAppender("links");
    w.pagesRepl = await conn.createAppender("_pages_replace");
    w.linksRepl = await conn.createAppender("_links_replace");
    return w;
  }

  /** Number of pages stored after this session (dense ids 0..size-1). */
  get size(): number {
    return this.nextId;
  }

  /** Offers one page; returns what was done with it. */
  add(page: PageRecord): AddOutcome {
    const outcome = this.addPage(page);
    if (outcome === "added" || outcome === "replaced") {
      this.pending += page.text.length + (page.html?.length ?? 0) + page.url.length * (2 + page.links.length);
      // appended rows stay in memory until flushed: flush in slices so a load's memory does not grow with its input
      if (this.pending >= FLUSH_CHARS) {
        for (const a of [this.pages, this.links, this.pagesRepl, this.linksRepl]) a.flushSync();
        this.pending = 0;
      }
    }
    return outcome;
  }

  private addPage(page: PageRecord): AddOutcome {
    const fetchedMs = page.fetchedAt ? Date.parse(page.fetchedAt) || 0 : 0;
    const digest = textDigest(page.text);
    const known = this.byUrl.get(page.url);
    if (known) {
      if (fetchedMs <= known.fetchedMs) {
        this.counts.duplicateUrl++;
        return "duplicate_url";
      }
      known.fetchedMs = fetchedMs;
      const v = this.counts.replaced;
      this.pagesRepl.appendInteger(v);
      appendPage(this.pagesRepl, known.id, page, digest, fetchedMs);
      this.counts.links += appendLinks(this.linksRepl, known.id, page, v);
      this.counts.replaced++;
      return "replaced";
    }
    const contentKey = page.status === 200 && page.text.length > 0 ? digest : null;
    if (contentKey !== null) {
      if (this.byDigest.has(contentKey)) {
        this.counts.duplicateContent++;
        return "duplicate_content";
      }
      this.byDigest.add(contentKey);
    }
    const id = this.nextId++;
    this.byUrl.set(page.url, { id, fetchedMs });
    appendPage(this.pages, id, page, digest, fetchedMs);
    this.counts.links += appendLinks(this.links, id, page);
    this.counts.added++;
    return "added";
  }

  /** Flushes, applies in-place replacements, resolves link targets to page ids. */
  async finish(): Promise<void> {
    for (const a of [this.pages, this.links, this.pagesRepl, this.linksRepl]) a.closeSync();
    const c = this.conn;
    if (this.counts.replaced > 0) {
      // a URL replaced twice in one load: only its last staged version (highest v) counts
      await c.run(`CREATE OR REPLACE TABLE _latest AS SELECT id, max(v) AS v FROM _pages_replace GROUP BY id`);
      await c.run(`DELETE FROM pages WHERE id IN (SELECT id FROM _latest)`);
      await c.run(`INSERT INTO pages SELECT p.* EXCLUDE (v) FROM _pages_replace p JOIN _latest USING (id, v)`);
      await c.run(`DELETE FROM links WHERE src_id IN (SELECT id FROM _latest)`);
      await c.run(`INSERT INTO links SELECT l.* EXCLUDE (v) FROM _links_replace l
        JOIN _latest m ON l.src_id = m.id AND l.v = m.v`);
      await c.run(`DROP TABLE _latest`);
    }
    await c.run(`DROP TABLE IF EXISTS _pages_replace`);
    await c.run(`DROP TABLE IF EXISTS _links_replace`);
    await c.run(`UPDATE links SET dst_id = p.id FROM pages p WHERE links.dst_id IS NULL AND links.dst_url = p.url`);
  }
}

function appendPage(a: DuckDBAppender, id: number, p: PageRecord, digest: string, fetchedMs: number): void {
  a.appendInteger(id);
  a.appendVarchar(p.url);
  a.appendVarchar(hostOfUrl(p.url));
  a.appendVarchar(p.title);
  a.appendVarchar(p.text);
  if (p.html === null) a.appendNull();
  else a.appendVarchar(p.html);
  a.appendSmallInt(p.status);
  a.appendVarchar(p.mime);
  if (p.fetchedAt === null || fetchedMs === 0) a.appendNull();
  else a.appendTimestamp(timestampValue(BigInt(fetchedMs) * 1000n));
  if (p.lang === null) a.appendNull();
  else a.appendVarchar(p.lang);
  a.appendVarchar(digest);
  if (p.redirectTo === null) a.appendNull();
  else a.appendVarchar(p.redirectTo);
  a.appendBoolean(p.noindex);
  a.appendVarchar(p.sourceFile);
  a.appendBigInt(BigInt(p.sourceOffset));
  a.appendVarchar(p.headings ?? "");
  a.endRow();
}

function appendLinks(a: DuckDBAppender, srcId: number, p: PageRecord, version?: number): number {
  for (const l of p.links) {
    if (version !== undefined) a.appendInteger(version);
    a.appendInteger(srcId);
    a.appendVarchar(l.url);
    a.appendNull();
    a.appendVarchar(l.anchor);
    a.endRow();
  }
  return p.links.length;
}
