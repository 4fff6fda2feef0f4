/** @module The EpisodeWeb an episode browses, over the page store and the search engine. */
import { browserDocument, domainOf, notFoundPage, renderBrowserView, renderFind, type BrowserDocument, type PageStore } from "../pages/index.ts";
import { LruCache, type SearchBackend, type SearchResponse } from "../search/index.ts";
import type { EpisodeWeb, OpenResult, PageView, SearchPage } from "../episode/index.ts";

/**
 * Adapts `PageStore` + a `SearchBackend` to `EpisodeWeb`. Browser documents (the wrapped, link-marked
 * lines of a page) are cached in an LRU: GRPO groups open the same pages again and again.
 */
export class CorpusEpisodeWeb implements EpisodeWeb {
  readonly docs: LruCache<BrowserDocument, number>;
  private readonly pages: PageStore;
  private readonly engine: SearchBackend;

  constructor(pages: PageStore, engine: SearchBackend, docCacheSize = 4096) {
    this.pages = pages;
    this.engine = engine;
    this.docs = new LruCache(docCacheSize);
  }

  search(query: string, k: number): SearchPage | Promise<SearchPage> {
    const r = this.engine.search(query, { k });
    return r instanceof Promise ? r.then(toPage) : toPage(r);
  }

  open(url: string): OpenResult {
    const r = this.pages.get(url);
    if (r.kind === "redirect") return { kind: "redirect", location: r.location };
    if (r.kind === "not_found" || r.page.status >= 400) {
      const host = domainOf(url);
      const p = notFoundPage(url, { hostKnown: host !== "" && this.pages.hasHost(host) });
      return { kind: "not_found", url, text: `${p.title}\n\n${p.text}` };
    }
    const id = r.page.id;
    const doc = this.document(id);
    return {
      kind: "page",
      url: r.page.url,
      title: doc.title,
      view: (cursor, loc, numLines): PageView => {
        const safeLoc = doc.lines.length === 0 ? 0 : Math.min(loc, doc.lines.length - 1);
        const v = renderBrowserView(doc, { cursor, loc: safeLoc, numLines: numLines ?? -1 });
        return { text: v.text, links: doc.links, first: v.loc, last: v.end - 1, totalLines: v.totalLines };
      },
      find: (cursor, pattern) => renderFind(doc, pattern, cursor).text,
    };
  }

  pageText(url: string): string | null {
    const r = this.pages.get(url);
    return r.kind === "page" ? r.page.text : null;
  }

  /** The cached browser document of page `id`. */
  document(id: number): BrowserDocument {
    let doc = this.docs.get(id);
    if (doc === undefined) {
      doc = browserDocument({ title: this.pages.title(id), url: this.pages.url(id), text: this.pages.text(id) }, this.pages.links(id));
      this.docs.set(id, doc);
    }
    return doc;
  }
}

function toPage(r: SearchResponse): SearchPage {
  return { total: r.total, results: r.results.map((h) => ({ rank: h.rank, url: h.url, title: h.title, snippet: h.snippet, score: h.score })) };
}
