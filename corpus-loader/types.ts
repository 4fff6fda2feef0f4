/** @module Records that readers emit and the corpus writer consumes. */

/** An outgoing link found in a page, resolved against the page URL. */
export interface LinkRecord {
  /** Absolute, canonical URL of the link target. */
  url: string;
  /** Visible anchor text, whitespace-collapsed ("" when the link has none). */
  anchor: string;
}

/** One page as a reader produces it, before dedup and id assignment. */
export interface PageRecord {
  /** Canonical URL (see `canonicalizeUrl`). */
  url: string;
  title: string;
  /** Visible `<h1>`–`<h3>` headings, one per line ("" or absent when the source has none, e.g. WET, JSONL). */
  headings?: string;
  /** Visible text: paragraphs separated by "\n", no scripts/styles/boilerplate. */
  text: string;
  /** Raw HTML when the source had it and the caller asked to keep it, else null. */
  html: string | null;
  /** HTTP status (200 when the source has none, e.g. WET, Parquet, JSONL). */
  status: number;
  /** MIME type without parameters, lowercase ("text/html", "text/plain"). */
  mime: string;
  /** Fetch time as ISO-8601 UTC ("2024-01-31T12:00:00Z"), or null when unknown. */
  fetchedAt: string | null;
  /** ISO 639-1 language code when known. */
  lang: string | null;
  links: LinkRecord[];
  /** True when the page asks not to be indexed (`<meta name="robots" content="noindex">` or
   *  `X-Robots-Tag: noindex`): it is served by URL but never returned by search. */
  noindex: boolean;
  /** Target of a 3xx response (canonical URL), else null. */
  redirectTo: string | null;
  /** File the record came from, as given to the reader. */
  sourceFile: string;
  /** Byte offset of the record in that file (of its gzip member when compressed; line number for JSONL). */
  sourceOffset: number;
}

/** Why a record was not turned into a page. Type skips are normal; the rest are bad input. */
export type SkipReason =
  | "record_type" // request / revisit / metadata / warcinfo / resource: counted, not an error
  | "not_html" // response whose payload is not a page we index (images, PDFs...)
  | "corrupt_gzip"
  | "bad_content_length"
  | "missing_header"
  | "bad_http"
  | "decode_error"
  | "bad_row";

/** What a reader yields: a page, or a skipped record with where it was. */
export type ReadEvent =
  | { kind: "page"; page: PageRecord }
  | {
      kind: "skip";
      reason: SkipReason;
      file: string;
      offset: number;
      /** Human-readable detail, e.g. the WARC-Type or the parse error. */
      message: string;
    };
