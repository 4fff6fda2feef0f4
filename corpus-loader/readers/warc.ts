/** @module WARC reader: `response` records with HTML or plain-text payloads → PageRecords. */
import { extractHtml } from "../html/extract-html.ts";
import type { PageRecord, ReadEvent } from "../types.ts";
import { canonicalizeUrl } from "../url/canonicalize.ts";
import { decodeBody } from "../warc/charset.ts";
import { parseHttpResponse } from "../warc/http-response.ts";
import type { WarcRecord, WarcReaderOptions } from "../warc/warc-record-reader.ts";
import { readWarcRecords } from "../warc/warc-record-reader.ts";

/** Options of {@link readWarc}. */
export interface ReadWarcOptions extends WarcReaderOptions {
  /** Keep the decoded HTML in `PageRecord.html` (default false: null). */
  keepHtml?: boolean;
}

const HTML_MIMES: ReadonlySet<string> = new Set(["text/html", "application/xhtml+xml"]);

/**
 * Reads a WARC file (.warc.gz or plain) and yields one event per record:
 * - `response` records for http(s) URLs whose payload is HTML (or XHTML) → `{kind:"page"}` with title, text,
 *   links, lang, noindex (`<meta name=robots>` or `X-Robots-Tag`), status, mime, charset-decoded text,
 *   `fetchedAt` from WARC-Date. `text/plain` responses become text pages (no links). 3xx responses become
 *   pages with `redirectTo` (the Location header resolved against the URL) whatever their payload.
 *   Every status is kept (a 404 page is a page with status 404): filter on `status` downstream.
 * - `request`/`revisit`/`metadata`/`warcinfo`/`resource`/`conversion` → skip `record_type` (message: the type).
 * - responses with other payloads (images, PDF, CSS, JS...) or non-http targets (dns:) → skip `not_html`.
 * - unparseable HTTP → `bad_http`; undecodable or binary body → `decode_error`; WARC-level corruption →
 *   `corrupt_gzip` / `bad_content_length` / `missing_header`; all with file and offset.
 * @example
 * for await (const ev of readWarc("crawl.warc.gz")) if (ev.kind === "page") console.log(ev.page.url, ev.page.title);
 */
export async function* readWarc(path: string, opts: ReadWarcOptions = {}): AsyncGenerator<ReadEvent> {
  for await (const ev of readWarcRecords(path, opts)) {
    if (ev.kind === "skip") yield ev;
    else yield responseToEvent(ev.record, path, opts.keepHtml === true);
  }
}

/** Turns one WARC record into a page or a skip event (exported for readers of other containers). */
export function responseToEvent(rec: WarcRecord, file: string, keepHtml: boolean): ReadEvent {
  const skip = (reason: Extract<ReadEvent, { kind: "skip" }>["reason"], message: string): ReadEvent => ({
    kind: "skip",
    reason,
    file,
    offset: rec.offset,
    message,
  });
  if (rec.type !== "response") return skip("record_type", rec.type);
  const target = rec.headers.get("warc-target-uri") ?? "";
  const url = canonicalizeUrl(target);
  if (url === null) return skip("not_html", `not an http(s) target: ${target.slice(0, 200)}`);
  const ct = (rec.headers.get("content-type") ?? "").toLowerCase();
  if (ct !== "" && !ct.startsWith("application/http")) return skip("not_html", `record Content-Type ${ct}`);
  const parsed = parseHttpResponse(rec.block);
  if (!parsed.ok) return skip(parsed.reason, `${parsed.message} (${url})`);
  const res = parsed.response;
  const location = res.headers.get("location");
  const redirectTo = res.status >= 300 && res.status < 400 && location !== undefined ? canonicalizeUrl(location, url) : null;
  let mime = res.mime !== "" ? res.mime : sniffMime(res.body);
  const isHtml = HTML_MIMES.has(mime);
  const isText = mime === "text/plain";
  if (!isHtml && !isText && redirectTo === null) return skip("not_html", `${mime || "no Content-Type"} (${url})`);
  if (mime === "") mime = "text/html";
  const readable = isHtml || isText;
  const decoded = readable ? decodeBody(res.body, res.charset, isHtml) : null;
  if (decoded?.garbage === true) return skip("decode_error", `binary payload labelled ${mime} (${url})`);
  const robots = (res.headers.get("x-robots-tag") ?? "").toLowerCase();
  const headerNoindex = /\b(?:noindex|none)\b/.test(robots);
  const page: PageRecord = {
    url,
    title: "",
    text: "",
    html: null,
    status: res.status,
    mime,
    fetchedAt: isoDate(rec.headers.get("warc-date")),
    lang: null,
    links: [],
    noindex: headerNoindex,
    redirectTo,
    sourceFile: file,
    sourceOffset: rec.offset,
  };
  if (decoded !== null && isHtml) {
    const x = extractHtml(decoded.text, url);
    page.title = x.title;
    page.headings = x.headings;
    page.text = x.text;
    page.links = x.links;
    page.lang = x.lang;
    page.noindex = headerNoindex || x.noindex;
    if (keepHtml) page.html = decoded.text;
  } else if (decoded !== null) {
    page.text = plainText(decoded.text);
  }
  return { kind: "page", page };
}

/** Guesses text/html for payloads without a Content-Type that start like HTML. */
function sniffMime(body: Buffer): string {
  const head = body.subarray(0, 512).toString("latin1").trimStart().toLowerCase();
  if (head.startsWith("<!doctype html") || head.startsWith("<html") || /^<\?xml[^>]*>\s*<(?:!doctype )?html/.test(head)) {
    return "text/html";
  }
  return "";
}

/** Plain text → lines with whitespace collapsed, empty lines dropped. */
export function plainText(text: string): string {
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const c = line.replace(/\s+/g, " ").trim();
    if (c !== "") out.push(c);
  }
  return out.join("\n");
}

/** WARC-Date → "YYYY-MM-DDTHH:MM:SSZ" (fractional seconds kept when non-zero), or null. */
export function isoDate(value: string | undefined): string | null {
  if (value === undefined || value.trim() === "") return null;
  const ms = Date.parse(value.trim());
  if (Number.isNaN(ms)) return null;
  return new Date(ms).toISOString().replace(".000Z", "Z");
}
