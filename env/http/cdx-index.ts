/** @module A sorted SURT index over every stored page, for CDX exact/prefix/host/domain lookups. */
import type { PageStore } from "../pages/index.ts";
import { surt } from "./surt.ts";

/** CDX match types (pywb / Common Crawl index server). */
export const MATCH_TYPES = ["exact", "prefix", "host", "domain"] as const;
/** One of {@link MATCH_TYPES}. */
export type MatchType = (typeof MATCH_TYPES)[number];

/**
 * Page ids sorted by SURT key; the keys are packed in one Buffer (outside the V8 heap, ~key bytes +
 * 8 bytes a page). Built once, in O(N log N).
 * @example
 * const cdx = CdxIndex.build(store);
 * cdx.lookup("example.com", "domain", 100); // ids of pages on example.com and its subdomains
 */
export class CdxIndex {
  readonly size: number;
  private readonly keys: Buffer;
  private readonly starts: Uint32Array;
  private readonly ids: Int32Array;

  private constructor(keys: Buffer, starts: Uint32Array, ids: Int32Array) {
    this.keys = keys;
    this.starts = starts;
    this.ids = ids;
    this.size = ids.length;
  }

  /** Builds the index over every page of the store. */
  static build(store: PageStore): CdxIndex {
    const n = store.size;
    const tmp: string[] = new Array<string>(n);
    for (let id = 0; id < n; id++) tmp[id] = surt(store.url(id));
    const order = Array.from({ length: n }, (_, i) => i);
    order.sort((a, b) => {
      const x = tmp[a] as string;
      const y = tmp[b] as string;
      return x < y ? -1 : x > y ? 1 : a - b;
    });
    const parts = order.map((id) => Buffer.from(tmp[id] as string, "utf8"));
    const starts = new Uint32Array(n + 1);
    let off = 0;
    for (let i = 0; i < n; i++) {
      starts[i] = off;
      off += (parts[i] as Buffer).length;
    }
    starts[n] = off;
    return new CdxIndex(Buffer.concat(parts, off), starts, Int32Array.from(order));
  }

  /** SURT key at sorted position `i`. */
  key(i: number): string {
    return this.keys.toString("utf8", this.starts[i] as number, this.starts[i + 1] as number);
  }

  /** Page id at sorted position `i`. */
  id(i: number): number {
    return this.ids[i] as number;
  }

  /**
   * Ids of matching pages in SURT order, at most `limit`. `url` is a URL or host; `prefix` matches
   * keys starting with the URL's key, `host` every page on the URL's host, `domain` the host and
   * its subdomains.
   */
  lookup(url: string, matchType: MatchType, limit: number): number[] {
    const key = surt(/^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `http://${url}`);
    const host = key.slice(0, key.indexOf(")"));
    let prefix: string;
    let accept: (k: string) => boolean;
    switch (matchType) {
      case "exact":
        prefix = key;
        accept = (k) => k === key;
        break;
      case "prefix":
        prefix = key.endsWith("/") && url.endsWith("/") === false ? key.slice(0, -1) : key;
        accept = () => true;
        break;
      case "host":
        prefix = `${host})`;
        accept = () => true;
        break;
      case "domain":
        prefix = host;
        accept = (k) => k.charCodeAt(host.length) === 41 /* ) */ || k.charCodeAt(host.length) === 44; /* , */
        break;
    }
    const out: number[] = [];
    for (let i = this.lowerBound(prefix); i < this.size && out.length < limit; i++) {
      const k = this.key(i);
      if (!k.startsWith(prefix)) break;
      if (accept(k)) out.push(this.id(i));
    }
    return out;
  }

  private lowerBound(prefix: string): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.key(mid) < prefix) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
