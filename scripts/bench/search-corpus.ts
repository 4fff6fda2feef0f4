/** @module Synthetic `pages` tables for search tests and benchmarks (Zipf words, log-normal lengths). */
import type { DuckDBConnection } from "@duckdb/node-api";
import { stream, type Rng } from "../../core/index.ts";
import { CORPUS_DDL } from "../../corpus-loader/index.ts";

/** Options of `writeSyntheticPages`. */
export interface SyntheticOptions {
  seed: number;
  pages: number;
  /** Distinct content words (default 50,000). */
  vocab?: number;
  /** Zipf exponent of word frequencies (default 1.05). */
  zipf?: number;
  /** Median words per page (default 400; log-normal, sigma 0.5). */
  medianWords?: number;
  /** Number of sites (default 200). */
  hosts?: number;
  /** Share of pages marked noindex and share with status 404 (default 0 each). */
  noindexRate?: number;
  errorRate?: number;
  /** Extra words mixed in at a low rate (e.g. "3.11", "pbkdf2_hmac", "café"). */
  specials?: string[];
}

const SYLLABLES =
  "ba be bi bo bu ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo vu za ze zi zo zu dra tri klo spe".split(
    " ",
  );
const FILLERS = ["the", "of", "and", "a", "to", "in", "is", "for", "on", "with"];

/** Makes `n` distinct pseudo-words from a seeded stream. */
export function makeVocabulary(rng: Rng, n: number): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  while (out.length < n) {
    const k = 2 + rng.int(3);
    let w = "";
    for (let i = 0; i < k; i++) w += rng.pick(SYLLABLES);
    if (rng.chance(0.2)) w += rng.pick(["n", "r", "s", "x"]);
    if (seen.has(w)) continue;
    seen.add(w);
    out.push(w);
  }
  return out;
}

/** Samples ranks 0..n-1 with P(r) ∝ 1 / (r + 1)^s. */
export class ZipfSampler {
  private readonly cdf: Float64Array;
  constructor(n: number, s: number) {
    this.cdf = new Float64Array(n);
    let acc = 0;
    for (let r = 0; r < n; r++) this.cdf[r] = acc += 1 / Math.pow(r + 1, s);
    for (let r = 0; r < n; r++) this.cdf[r] = (this.cdf[r] as number) / acc;
  }
  sample(rng: Rng): number {
    const u = rng.next();
    let lo = 0;
    let hi = this.cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cdf[mid] as number) < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/**
 * Creates the corpus tables (if missing) and appends `pages` synthetic pages with ids 0..pages-1
 * (or continuing after the current max id). Deterministic for a seed.
 * @example
 * await writeSyntheticPages(conn, { seed: 7, pages: 1000 });
 */
export async function writeSyntheticPages(conn: DuckDBConnection, o: SyntheticOptions): Promise<{ vocabulary: string[] }> {
  for (const ddl of CORPUS_DDL) await conn.run(ddl);
  await conn.run(`INSERT OR IGNORE INTO meta VALUES ('schema_version', '1')`);
  const first = Number((await conn.runAndReadAll(`SELECT coalesce(max(id) + 1, 0) AS n FROM pages`)).getRowObjectsJS()[0]?.n ?? 0);
  const vocabulary = makeVocabulary(stream(o.seed, "synthetic", "vocab"), o.vocab ?? 50_000);
  const zipf = new ZipfSampler(vocabulary.length, o.zipf ?? 1.05);
  const rng = stream(o.seed, "synthetic", "pages", first);
  const hosts = o.hosts ?? 200;
  const median = o.medianWords ?? 400;
  const specials = o.specials ?? [];
  const app = await conn.createAppender("pages");
  const word = (): string => vocabulary[zipf.sample(rng)] as string;
  for (let i = 0; i < o.pages; i++) {
    const id = first + i;
    const h = rng.int(hosts);
    const host = (rng.chance(0.3) ? "docs." : "") + `site${h}.example`;
    const tw: string[] = [];
    const tn = 3 + rng.int(6);
    for (let j = 0; j < tn; j++) tw.push(vocabulary[Math.min(vocabulary.length - 1, 50 + zipf.sample(rng))] as string);
    const len = Math.max(20, Math.min(5000, Math.round(Math.exp(Math.log(median) + 0.5 * rng.normal()))));
    const words: string[] = [];
    for (let j = 0; j < len; j++) {
      if (rng.chance(0.25)) words.push(rng.pick(FILLERS));
      else if (specials.length > 0 && rng.chance(0.01)) words.push(rng.pick(specials));
      else words.push(word());
      if (j % 14 === 13) words[words.length - 1] += ".";
    }
    const title = tw.join(" ");
    const text = words.join(" ");
    const noindex = rng.chance(o.noindexRate ?? 0);
    const status = rng.chance(o.errorRate ?? 0) ? 404 : 200;
    app.appendInteger(id);
    app.appendVarchar(`https://${host}/p/${id}`);
    app.appendVarchar(host);
    app.appendVarchar(title);
    app.appendVarchar(text);
    app.appendNull();
    app.appendSmallInt(status);
    app.appendVarchar("text/html");
    app.appendNull();
    app.appendVarchar("en");
    app.appendVarchar(`d${id}`);
    app.appendNull();
    app.appendBoolean(noindex);
    app.appendVarchar("synthetic");
    app.appendBigInt(BigInt(id));
    app.appendVarchar(""); // headings
    app.endRow();
  }
  app.closeSync();
  return { vocabulary };
}
