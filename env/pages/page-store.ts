/** @module The page store: every page of a corpus file in memory, by id and by URL. */
import type { Hash } from "node:crypto";
import { openCorpus, type CorpusHandle } from "../../corpus-loader/index.ts";
import { hostOf } from "../../corpus-loader/index.ts";
import { PagesError } from "./errors.ts";
import { readColumns, type Columns } from "./corpus-columns.ts";
import { UrlIndex } from "./url-index.ts";
import { urlVariants } from "./url-variants.ts";

/** Host of a canonical URL (stored URLs are canonical: lowercase host, no default port). */
const HOST_RE = /^https?:\/\/(?:[^@/?#]*@)?([^/?#]+)/i;

/** One stored page, as `get()` returns it. */
export interface StoredPage {
  /** Dense id 0..N-1. */
  id: number;
  /** Canonical URL as stored. */
  url: string;
  /** Host of the URL (`"example.com"`, with a port only when not the default). */
  host: string;
  title: string;
  /** Visible text, paragraphs separated by "\n". */
  text: string;
  status: number;
  mime: string;
  /** ISO-8601 UTC ("2024-01-31T12:00:00Z") or null. */
  fetchedAt: string | null;
  lang: string | null;
  /** Served by URL but never returned by search. */
  noindex: boolean;
  /** Target of a recorded redirect, else null. */
  redirectTo: string | null;
  digest: string;
  /** True when the source had raw HTML (read it with `PageStore.html(id)`). */
  hasHtml: boolean;
  sourceFile: string;
  sourceOffset: number;
}

/** An outgoing link of a page, in document order. */
export interface PageLink {
  /** Canonical target URL. */
  url: string;
  /** Anchor text ("" when the link had none). */
  anchor: string;
  /** Id of the target page when it is in the corpus, else null. */
  dstId: number | null;
}

/**
 * Result of {@link PageStore.get}:
 * - `page`: the page was found (`page.redirectTo` is null);
 * - `redirect`: the stored record is a redirect; answer `status` (3xx) with `Location: location`;
 * - `not_found`: no page under any spelling of the URL (or id out of range).
 */
export type PageLookup = { kind: "page"; page: StoredPage } | { kind: "redirect"; location: string; status: number; page: StoredPage } | { kind: "not_found" };

/** How `PageStore.load` treats the `html` column. */
export type HtmlMode = "lazy" | "memory" | "none";

/** Options of {@link PageStore.load}. */
export interface PageStoreOptions {
  /**
   * `lazy` (default): keep the corpus file open and read a page's HTML from DuckDB on demand;
   * `memory`: load all HTML into memory (fast, large); `none`: never serve HTML.
   */
  html?: HtmlMode;
}

/** Bytes held by each part of the store (for `/metrics` and the memory report). */
export interface StoreMemory {
  pages: number;
  links: number;
  text: number;
  titles: number;
  urls: number;
  urlIndex: number;
  html: number;
  perPageColumns: number;
  linkColumns: number;
  total: number;
}

/**
 * In-memory page store over a corpus DuckDB file. Texts, titles, URLs and anchors are UTF-8 in
 * large Buffers (outside the V8 heap); per-page numbers are typed arrays; URL lookup is a hash
 * table of ids. Implements the search engine's `TextSource` (`text`, `title`, `url` by id).
 * @example
 * const store = await PageStore.load("corpus.duckdb");
 * const r = store.get("https://example.com/a");
 * if (r.kind === "page") console.log(r.page.title);
 * store.close();
 */
export class PageStore {
  /** Number of pages (ids are 0..size-1). */
  readonly size: number;
  /** Number of links. */
  readonly linkCount: number;
  private readonly c: Columns;
  private readonly index: UrlIndex;
  private handle: CorpusHandle | null;
  private readonly htmlMode: HtmlMode;

  private constructor(c: Columns, handle: CorpusHandle | null, htmlMode: HtmlMode) {
    this.c = c;
    this.size = c.n;
    this.linkCount = c.linkDst.length;
    this.index = new UrlIndex(c.urls); // keyed by row: idOfRow maps back
    this.handle = handle;
    this.htmlMode = htmlMode;
  }

  /**
   * Loads the `pages` and `links` tables of a corpus file (opened read-only). Throws the loader's
   * `FILE_NOT_FOUND` / `SCHEMA_MISMATCH` for a missing or foreign file, and `CORPUS_INVALID` when
   * page ids are not dense 0..N-1.
   */
  static async load(dbPath: string, opts: PageStoreOptions = {}): Promise<PageStore> {
    const htmlMode = opts.html ?? "lazy";
    if (htmlMode !== "lazy" && htmlMode !== "memory" && htmlMode !== "none") {
      throw new PagesError("INVALID_ARGUMENT", `html option must be lazy, memory or none, got ${String(htmlMode)}`);
    }
    const handle = await openCorpus(dbPath, { readOnly: true });
    try {
      const cols = await readColumns(handle.instance, handle.conn, dbPath, htmlMode === "memory");
      const keep = htmlMode === "lazy" ? handle : null;
      if (keep === null) handle.close();
      return new PageStore(cols, keep, htmlMode);
    } catch (err) {
      handle.close();
      throw err;
    }
  }

  /**
   * Looks a page up by id (a number) or by URL (a string, tried under every spelling of
   * `urlVariants`: as given, canonical, ± trailing slash, http/https).
   */
  get(urlOrId: string | number): PageLookup {
    const id = typeof urlOrId === "number" ? urlOrId : this.idOf(urlOrId);
    if (!Number.isInteger(id) || id < 0 || id >= this.size) return { kind: "not_found" };
    const page = this.page(id);
    if (page.redirectTo !== null) {
      const status = page.status >= 300 && page.status < 400 ? page.status : 301;
      return { kind: "redirect", location: page.redirectTo, status, page };
    }
    return { kind: "page", page };
  }

  /** Id of the page stored under any spelling of `url`, or -1. */
  idOf(url: string): number {
    const exact = this.index.lookup(url);
    if (exact >= 0) return this.c.idOfRow[exact] as number;
    for (const v of urlVariants(url)) {
      const row = this.index.lookup(v);
      if (row >= 0) return this.c.idOfRow[row] as number;
    }
    return -1;
  }

  /** Full record of page `id` (throws RangeError when out of range). */
  page(id: number): StoredPage {
    this.check(id);
    const c = this.c;
    const row = c.rowOf[id] as number;
    const url = c.urls.get(row);
    const ms = c.fetchedMs[id] as number;
    return {
      id,
      url,
      host: HOST_RE.exec(url)?.[1]?.toLowerCase() ?? hostOf(url) ?? "",
      title: c.titles.get(row),
      text: c.texts.get(row),
      status: c.status[id] as number,
      mime: c.interned.value(c.mime[id] as number) ?? "",
      fetchedAt: Number.isNaN(ms) ? null : new Date(ms).toISOString().replace(".000Z", "Z"),
      lang: c.interned.value(c.lang[id] as number),
      noindex: c.noindex[id] === 1,
      redirectTo: c.redirects.get(id) ?? null,
      digest: c.digests.get(row),
      hasHtml: c.hasHtml[id] === 1,
      sourceFile: c.interned.value(c.source[id] as number) ?? "",
      sourceOffset: c.sourceOffset[id] as number,
    };
  }

  /** Page text (TextSource). */
  text(id: number): string {
    this.check(id);
    return this.c.texts.get(this.c.rowOf[id] as number);
  }

  /** Page text as UTF-8 bytes without copying (for writing straight to a socket). */
  textBytes(id: number): Buffer {
    this.check(id);
    return this.c.texts.bytes(this.c.rowOf[id] as number);
  }

  /** Page title (TextSource). */
  title(id: number): string {
    this.check(id);
    return this.c.titles.get(this.c.rowOf[id] as number);
  }

  /** Page URL (TextSource). */
  url(id: number): string {
    this.check(id);
    return this.c.urls.get(this.c.rowOf[id] as number);
  }

  /** True when some stored page is on this host (`"example.com"`, `"h:8080"`), e.g. to pick a 404 style. */
  hasHost(host: string): boolean {
    return this.c.hosts.has(host.toLowerCase());
  }

  /** True when the page asks not to be indexed. */
  noindex(id: number): boolean {
    this.check(id);
    return this.c.noindex[id] === 1;
  }

  /** Outgoing links of page `id`, in document order. */
  links(id: number): PageLink[] {
    this.check(id);
    const c = this.c;
    const out: PageLink[] = [];
    for (let k = c.linkStart[id] as number, end = c.linkStart[id + 1] as number; k < end; k++) {
      const d = c.linkDst[k] as number;
      out.push(
        d >= 0
          ? { url: c.urls.get(c.rowOf[d] as number), anchor: c.anchors.get(k), dstId: d }
          : { url: c.externalUrls.get(-d - 1), anchor: c.anchors.get(k), dstId: null },
      );
    }
    return out;
  }

  /**
   * Raw HTML of page `id` when the source had it, else null. Reads DuckDB in `lazy` mode; always
   * null in `none` mode. Throws `STORE_CLOSED` after `close()` in lazy mode.
   */
  async html(id: number): Promise<string | null> {
    this.check(id);
    const c = this.c;
    if (this.htmlMode === "none" || c.hasHtml[id] !== 1) return null;
    if (c.html !== null) return c.html.get(c.rowOf[id] as number);
    if (this.handle === null) throw new PagesError("STORE_CLOSED", "the page store is closed: cannot read HTML");
    const r = await this.handle.conn.runAndReadAll(`SELECT html FROM pages WHERE id = $1`, [id]);
    const v = r.getRows()[0]?.[0];
    return typeof v === "string" ? v : null;
  }

  /**
   * Feeds what identifies each page, in id order, to `hash` (URL, content digest, status, redirect
   * target, noindex): two stores fed the same bytes hold the same pages. Reads no page text.
   */
  fingerprint(hash: Hash): void {
    const c = this.c;
    for (let id = 0; id < this.size; id++) {
      const row = c.rowOf[id] as number;
      hash.update(`${c.urls.get(row)}\t${c.digests.get(row)}\t${c.status[id] as number}\t${c.noindex[id] as number}\t${c.redirects.get(id) ?? ""}\n`);
    }
  }

  /** Bytes held, by part. */
  memory(): StoreMemory {
    const c = this.c;
    const perPage =
      c.rowOf.byteLength +
      c.idOfRow.byteLength +
      c.hasHtml.byteLength +
      c.status.byteLength +
      c.mime.byteLength +
      c.lang.byteLength +
      c.source.byteLength +
      c.fetchedMs.byteLength +
      c.sourceOffset.byteLength +
      c.noindex.byteLength +
      c.digests.memoryBytes();
    const linkCols = c.linkStart.byteLength + c.linkDst.byteLength;
    const m = {
      pages: this.size,
      links: this.linkCount,
      text: c.texts.memoryBytes(),
      titles: c.titles.memoryBytes(),
      urls: c.urls.memoryBytes(),
      urlIndex: this.index.memoryBytes(),
      html: c.html?.memoryBytes() ?? 0,
      perPageColumns: perPage,
      linkColumns: linkCols + c.anchors.memoryBytes() + c.externalUrls.memoryBytes(),
    };
    return { ...m, total: m.text + m.titles + m.urls + m.urlIndex + m.html + m.perPageColumns + m.linkColumns };
  }

  /** Closes the corpus file (lazy HTML mode). Idempotent. */
  close(): void {
    this.handle?.close();
    this.handle = null;
  }

  private check(id: number): void {
    if (!Number.isInteger(id) || id < 0 || id >= this.size) {
      throw new RangeError(`page id ${id} out of range 0..${this.size - 1}`);
    }
  }
}
