/**
 * @module A Common-Crawl-shaped WARC.gz input for `bench:load`, built from the real captures of
 * test/fixtures/warc-peers: request + response + metadata per capture, one gzip member per record,
 * page sizes drawn around Common Crawl's (~25 KB of WARC.gz per capture, pages up to CC's 1 MiB cut).
 */
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stream, type Rng } from "../../core/index.ts";
import { encodeWarcRecordGz, expandInputs, httpResponseBlock, readWarc } from "../../corpus-loader/index.ts";

/** Options of {@link ccLikeInput}. */
export interface CcLikeOptions {
  /** Output directory (the files are reused when it already holds a finished build of the same options). */
  dir: string;
  /** Approximate WARC.gz megabytes per file. */
  fileMb: number;
  /** Number of files. */
  files: number;
  seed: number;
}

/** What {@link ccLikeInput} built. */
export interface CcLikeInput {
  files: string[];
  bytes: number;
  captures: number;
  /** Mean HTML bytes of a response payload. */
  meanHtml: number;
}

const PEERS = new URL("../../test/fixtures/warc-peers/", import.meta.url).pathname;
/** Median of the drawn page size (bytes of HTML) and the spread of its log. */
const MEDIAN_HTML = 48_000;
const LOG_SIGMA = 0.9;
/** Common Crawl cuts payloads at 1 MiB. */
const MAX_HTML = 1 << 20;

/** The distinct real HTML pages of the peer files (the pool the captures are made of). */
async function realPages(): Promise<Array<{ url: string; html: string }>> {
  const seen = new Set<string>();
  const out: Array<{ url: string; html: string }> = [];
  for (const f of expandInputs([PEERS])) {
    if (!/\.(warc|arc)(\.gz)?$/.test(f)) continue;
    for await (const ev of readWarc(f, { keepHtml: true })) {
      if (ev.kind !== "page" || ev.page.html === null || ev.page.html.length < 4000 || seen.has(ev.page.url)) continue;
      seen.add(ev.page.url);
      out.push({ url: ev.page.url, html: ev.page.html });
    }
  }
  return out;
}

function bodyOf(html: string): string {
  const lo = html.toLowerCase();
  const a = lo.indexOf("<body");
  const b = lo.lastIndexOf("</body>");
  const start = a < 0 ? 0 : lo.indexOf(">", a) + 1;
  return html.slice(start, b < start ? html.length : b);
}

const WORDS = "archive crawl harbor lantern meadow orbit pixel quarry river summit timber valley willow yonder zephyr".split(" ");

/** One capture's page: a real page, grown with the bodies of others up to the drawn size, plus a unique paragraph. */
function composePage(pool: Array<{ url: string; html: string }>, rng: Rng, n: number): { url: string; html: string } {
  const base = rng.pick(pool);
  const target = Math.min(MAX_HTML, Math.round(MEDIAN_HTML * Math.exp(LOG_SIGMA * rng.normal())));
  const words = Array.from({ length: 24 }, () => rng.pick(WORDS)).join(" ");
  let extra = `<div class="capture"><p>Capture ${n}: ${words}.</p></div>`;
  let size = base.html.length + extra.length;
  while (size < target) {
    const more = `<section>${bodyOf(rng.pick(pool).html)}</section>`;
    extra += more;
    size += more.length;
  }
  const at = base.html.toLowerCase().lastIndexOf("</body>");
  const html = at < 0 ? base.html + extra : base.html.slice(0, at) + extra + base.html.slice(at);
  const u = new URL(base.url);
  return { url: `${u.protocol}//${u.host}/cc/${n}${u.pathname}`, html };
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Gzip members of one capture: request, response, metadata (Common Crawl's order). */
function capture(url: string, html: string, n: number, dateMs: number): Buffer[] {
  const date = iso(dateMs);
  const host = new URL(url).host;
  const body = Buffer.from(html, "utf8");
  const req = Buffer.from(
    `GET ${new URL(url).pathname} HTTP/1.1\r\nHost: ${host}\r\nUser-Agent: CCBot/2.0 (https://commoncrawl.org/faq/)\r\nAccept: text/html\r\n\r\n`,
  );
  const res = httpResponseBlock(
    200,
    "OK",
    [
      ["Date", new Date(dateMs).toUTCString()],
      ["Content-Type", "text/html; charset=UTF-8"],
      ["X-Crawler-Content-Length", String(body.length)],
      ["Content-Length", String(body.length)],
    ],
    body,
  );
  const meta = Buffer.from(`fetchTimeMs: 412\r\ncharset-detected: UTF-8\r\nlanguages-cld2: {"reliable":true,"languages":[{"code":"en","score":99}]}\r\n`);
  return [
    encodeWarcRecordGz({ type: "request", targetUri: url, date, idSeed: `req ${n}`, contentType: "application/http; msgtype=request", block: req }),
    encodeWarcRecordGz({ type: "response", targetUri: url, date, idSeed: `res ${n}`, contentType: "application/http; msgtype=response", block: res }),
    encodeWarcRecordGz({ type: "metadata", targetUri: url, date, idSeed: `meta ${n}`, contentType: "application/warc-fields", block: meta }),
  ];
}

/**
 * Builds (or reuses) `files` WARC.gz files of about `fileMb` MB each under `dir`. Same options, same bytes.
 * @example
 * const input = await ccLikeInput({ dir: ".tmp/cc", fileMb: 64, files: 4, seed: 1 });
 */
export async function ccLikeInput(o: CcLikeOptions): Promise<CcLikeInput> {
  const tag = `cc-${o.seed}-${o.fileMb}mb`;
  const dir = join(o.dir, tag);
  mkdirSync(dir, { recursive: true });
  const names = Array.from({ length: o.files }, (_, f) => join(dir, `CC-LIKE-${String(f).padStart(5, "0")}.warc.gz`));
  const pool = names.every((f) => existsSync(f)) ? [] : await realPages();
  let captures = 0;
  let htmlBytes = 0;
  for (const [f, name] of names.entries()) {
    const rng = stream(o.seed, "cc-like", f);
    const t0 = Date.UTC(2024, 0, 1) + f * 3_600_000;
    if (existsSync(name)) continue;
    const parts: Buffer[] = [];
    let bytes = 0;
    for (let i = 0; bytes < o.fileMb * 1e6; i++) {
      const n = f * 10_000_000 + i;
      const p = composePage(pool, rng, n);
      for (const m of capture(p.url, p.html, n, t0 + i * 1000)) {
        parts.push(m);
        bytes += m.length;
      }
      captures++;
      htmlBytes += p.html.length;
    }
    writeFileSync(`${name}.part`, Buffer.concat(parts));
    renameSync(`${name}.part`, name);
  }
  const files = readdirSync(dir)
    .filter((n) => n.endsWith(".warc.gz"))
    .map((n) => join(dir, n))
    .filter((p) => names.includes(p))
    .sort();
  const bytes = files.reduce((s, p) => s + statSync(p).size, 0);
  return { files, bytes, captures, meanHtml: captures > 0 ? htmlBytes / captures : 0 };
}
