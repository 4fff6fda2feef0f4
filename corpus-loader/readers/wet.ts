/** @module WET reader: Common Crawl `conversion` records (extracted plain text) → PageRecords. */
import { toIso639_1 } from "../html/lang-code.ts";
import type { PageRecord, ReadEvent } from "../types.ts";
import { canonicalizeUrl } from "../url/canonicalize.ts";
import type { WarcReaderOptions } from "../warc/warc-record-reader.ts";
import { readWarcRecords } from "../warc/warc-record-reader.ts";
import { isoDate, plainText } from "./warc.ts";

/** Longest first line still taken as the title. */
const MAX_TITLE_CHARS = 200;

/**
 * Reads a WET file (.warc.wet.gz or plain): each `conversion` record becomes a page with the record's
 * UTF-8 text (lines whitespace-collapsed, empty lines dropped), `url` from WARC-Target-URI, `title` = the
 * first line when it is at most 200 characters (Common Crawl puts the HTML title there) else "",
 * `lang` = first code of `WARC-Identified-Content-Language` as ISO 639-1, status 200, mime "text/plain",
 * no links. Other record types (warcinfo...) → skip `record_type`; a record without a target URI →
 * `missing_header`; a non-http target → `not_html`; corruption as in {@link readWarcRecords}.
 * @example
 * for await (const ev of readWet("CC-MAIN-...warc.wet.gz")) if (ev.kind === "page") console.log(ev.page.lang);
 */
export async function* readWet(path: string, opts: WarcReaderOptions = {}): AsyncGenerator<ReadEvent> {
  for await (const ev of readWarcRecords(path, opts)) {
    if (ev.kind === "skip") {
      yield ev;
      continue;
    }
    const rec = ev.record;
    const skip = (reason: "record_type" | "missing_header" | "not_html", message: string): ReadEvent => ({
      kind: "skip",
      reason,
      file: path,
      offset: rec.offset,
      message,
    });
    if (rec.type !== "conversion") {
      yield skip("record_type", rec.type);
      continue;
    }
    const target = rec.headers.get("warc-target-uri");
    if (target === undefined || target.trim() === "") {
      yield skip("missing_header", "conversion record has no WARC-Target-URI");
      continue;
    }
    const url = canonicalizeUrl(target);
    if (url === null) {
      yield skip("not_html", `not an http(s) target: ${target.slice(0, 200)}`);
      continue;
    }
    const text = plainText(new TextDecoder("utf-8").decode(rec.block));
    const nl = text.indexOf("\n");
    const first = nl < 0 ? text : text.slice(0, nl);
    const langs = rec.headers.get("warc-identified-content-language") ?? "";
    const page: PageRecord = {
      url,
      title: first.length <= MAX_TITLE_CHARS ? first : "",
      text,
      html: null,
      status: 200,
      mime: "text/plain",
      fetchedAt: isoDate(rec.headers.get("warc-date")),
      lang: toIso639_1(langs.split(",", 1)[0]),
      links: [],
      noindex: false,
      redirectTo: null,
      sourceFile: path,
      sourceOffset: rec.offset,
    };
    yield { kind: "page", page };
  }
}
