import { createHash } from "node:crypto";
import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { DuckDBInstance } from "@duckdb/node-api";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { LoaderError, loadCorpus, openCorpus, type LoadSummary } from "../../corpus-loader/index.ts";
import { encodeWarcRecordGz, type WarcRecordInput } from "../../corpus-loader/warc/warc-writer.ts";
import { SimWeb } from "../../env/simweb/index.ts";
import { runTs } from "../helpers/child-process.ts";
import { useTmpDir } from "../helpers/tmp-dir.ts";
import { makeWorld, type TestWorld } from "../helpers/world.ts";

const SOAK = process.env.SIMWEB_SOAK === "1";
const TIMEOUT = SOAK ? 3_600_000 : 180_000;
const MUTANTS = SOAK ? 400 : 16;
const dir = useTmpDir("simweb-corrupt-");
let world: TestWorld;
const sources: Record<string, Buffer> = {};

const sha = (p: string): string => createHash("sha256").update(readFileSync(p)).digest("hex");

async function sql(db: string, statements: string[]): Promise<void> {
  const inst = await DuckDBInstance.create(db);
  const c = await inst.connect();
  for (const s of statements) await c.run(s);
  c.closeSync();
  inst.closeSync();
}

beforeAll(async () => {
  world = await makeWorld(dir, 300, 17);
  const warcGz = readFileSync(join(world.worldDir, "world-00000.warc.gz"));
  sources["warc.gz"] = warcGz.subarray(0, 400_000);
  sources.warc = gunzipSync(warcGz).subarray(0, 400_000);
  const wet: WarcRecordInput[] = Array.from({ length: 40 }, (_, i) => ({
    type: "conversion",
    targetUri: `https://wet.test/p${i}`,
    date: "2024-02-29T23:59:59Z",
    idSeed: `w${i}`,
    contentType: "text/plain",
    block: Buffer.from(`Title ${i}\nBody of page ${i} with ünïcode and more words ${"lorem ".repeat(i)}\n`),
    extraHeaders: [
      ["WARC-Refers-To", `<urn:uuid:r${i}>`],
      ["WARC-Identified-Content-Language", "eng"],
    ],
  }));
  sources["warc.wet.gz"] = Buffer.concat(wet.map((r) => encodeWarcRecordGz(r)));
  const rows = Array.from({ length: 60 }, (_, i) =>
    JSON.stringify({
      text: `Heading ${i}\nSome text ${i} ${"ipsum ".repeat(i % 9)}`,
      id: `<urn:${i}>`,
      url: `https://jsonl.test/${i}`,
      date: "2024-01-01T00:00:00Z",
      language: "en",
    }),
  );
  sources.jsonl = Buffer.from(rows.join("\n") + "\n");
  sources["jsonl.gz"] = gzipSync(sources.jsonl);
  const jsonlPath = join(dir, "src.jsonl");
  writeFileSync(jsonlPath, sources.jsonl);
  const parquetPath = join(dir, "src.parquet");
  await sql(":memory:", [`COPY (SELECT * FROM read_json_auto('${jsonlPath}')) TO '${parquetPath}' (FORMAT parquet, ROW_GROUP_SIZE 16)`]);
  sources.parquet = readFileSync(parquetPath);
});

/** A byte-level corruption of a file: truncation, flipped bytes, a garbage span, invalid UTF-8, a duplicated span. */
const unit = fc.integer({ min: 0, max: 1_000_000 }).map((n) => n / 1_000_000);
const mutation = fc.tuple(fc.nat(4), unit, unit, fc.uint8Array({ minLength: 1, maxLength: 64 }));
/** The reader each source goes through (given explicitly, so a damaged header still reaches the reader). */
const FORMAT = { "warc.gz": "warc", warc: "warc", "warc.wet.gz": "wet", jsonl: "jsonl", "jsonl.gz": "jsonl", parquet: "parquet" } as const;

function mutate(src: Buffer, [op, a, b, bytes]: [number, number, number, Uint8Array]): Buffer {
  const i = Math.floor(a * src.length);
  const j = Math.min(src.length, i + 1 + Math.floor(b * 4096));
  const out = Buffer.from(src);
  if (op === 0) return src.subarray(0, i);
  if (op === 1) {
    for (let k = 0; k < bytes.length; k++) {
      const at = (i + k * 997) % out.length;
      out[at] = (out[at] as number) ^ ((bytes[k] as number) | 1);
    }
    return out;
  }
  if (op === 2) return Buffer.concat([src.subarray(0, i), Buffer.from(bytes), src.subarray(j)]);
  if (op === 3) return Buffer.concat([src.subarray(0, i), Buffer.from([0xff, 0xfe, 0xc0, 0xaf, 0xed, 0xa0, 0x80]), src.subarray(i)]);
  return Buffer.concat([src.subarray(0, j), src.subarray(i, j), src.subarray(j)]);
}

const within = <T>(p: Promise<T>, ms: number, what: string): Promise<T> =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`hang: ${what} took more than ${ms} ms`)), ms))]);

describe("loadCorpus() on corrupt files", () => {
  it(
    `keeps the corpus valid through ${MUTANTS} corruptions of each of WARC, WARC.gz, WET, JSONL, JSONL.gz and Parquet`,
    async () => {
      const figures: Record<string, { loads: number; errors: number; skipped: number; pages: number }> = {};
      for (const [ext, src] of Object.entries(sources)) {
        const db = join(dir, `corrupt-${ext}.duckdb`);
        const f = { loads: 0, errors: 0, skipped: 0, pages: 0 };
        let total = 0;
        const mutants = fc.sample(mutation, { numRuns: MUTANTS, seed: ext.length * 7919 });
        for (const [k, m] of mutants.entries()) {
          const file = join(dir, `m-${k}.${ext}`);
          writeFileSync(file, mutate(src, m));
          const what = `${ext} mutant ${k} ${JSON.stringify(m.slice(0, 3))}`;
          const format = k % 4 === 3 ? "auto" : FORMAT[ext as keyof typeof FORMAT];
          // never an abort: a file that cannot be read at all is a skipped file, named with a typed code
          const s = await within(loadCorpus(db, [file], { format }), 30_000, what);
          f.loads++;
          f.skipped += Object.values(s.skipped).reduce((x, y) => x + (y ?? 0), 0);
          f.pages += s.pagesAdded;
          for (const sf of s.skippedFiles) {
            expect(sf.file, what).toBe(file);
            expect(sf.message, what).toContain(file);
            expect(["UNKNOWN_FORMAT", "BAD_INPUT", "FILE_NOT_FOUND"], what).toContain(sf.code);
            f.errors++;
          }
          expect(s.totalPages, what).toBeGreaterThanOrEqual(total);
          total = s.totalPages;
        }
        figures[ext] = f;
        // the corpus still opens, and its ids are dense
        const h = await openCorpus(db, { readOnly: true });
        const r = (await h.conn.runAndReadAll(`SELECT count(*) AS n, coalesce(max(id), -1) AS mx FROM pages`)).getRowObjectsJS()[0];
        h.close();
        expect(Number(r?.n)).toBe(total);
        expect(Number(r?.mx)).toBe(total - 1);
      }
      console.log(`[reliability] corrupt inputs ${JSON.stringify({ mutantsPerFormat: MUTANTS, formats: Object.keys(sources).length, figures })}`);
    },
    TIMEOUT,
  );

  it(
    "reads JSONL with invalid UTF-8 and a Parquet file with a garbled middle without losing the good rows",
    async () => {
      const lines = sources.jsonl?.toString().split("\n") ?? [];
      const bad = Buffer.concat([
        Buffer.from(lines.slice(0, 10).join("\n") + "\n"),
        Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d, 0x0a]),
        Buffer.from(lines.slice(10).join("\n")),
      ]);
      const jf = join(dir, "bad-utf8.jsonl");
      writeFileSync(jf, bad);
      const s = await loadCorpus(join(dir, "utf8.duckdb"), [jf]);
      expect(s.pagesAdded).toBe(60);
      expect(s.skipped.bad_row).toBe(1);

      const pq = Buffer.from(sources.parquet as Buffer);
      for (let k = pq.length >> 2; k < (pq.length >> 2) + 64; k++) pq[k] = 0x5a; // a column chunk, magic and footer intact
      const pf = join(dir, "garbled.parquet");
      writeFileSync(pf, pq);
      const p: LoadSummary = await loadCorpus(join(dir, "pq.duckdb"), [pf]);
      expect(Object.values(p.skipped).reduce((x: number, y) => x + (y ?? 0), 0) + p.pagesAdded + p.skippedFiles.length).toBeGreaterThan(0);
    },
    TIMEOUT,
  );
});

describe("SimWeb.open() and the CLI on a bad corpus file", () => {
  it(
    "refuses missing tables, missing columns, a newer schema, another database, a damaged file: typed error naming it, file unchanged",
    async () => {
      const mk = async (name: string, statements: string[]): Promise<string> => {
        const f = join(dir, `${name}.duckdb`);
        copyFileSync(world.db, f);
        await sql(f, [...statements, "CHECKPOINT"]);
        return f;
      };
      const src = readFileSync(world.db);
      const cases: [string, string, RegExp][] = [
        [await mk("no-links", ["DROP TABLE links"]), "SCHEMA_MISMATCH", /missing table\(s\) links/],
        [await mk("no-noindex", ["ALTER TABLE pages DROP COLUMN noindex"]), "SCHEMA_MISMATCH", /missing column\(s\) pages\.noindex/],
        [await mk("too-new", ["UPDATE meta SET value = '99' WHERE key = 'schema_version'"]), "SCHEMA_TOO_NEW", /schema version 99/],
        [await mk("no-version", ["DELETE FROM meta WHERE key = 'schema_version'"]), "SCHEMA_MISMATCH", /schema_version/],
        [join(dir, "foreign.duckdb"), "SCHEMA_MISMATCH", /not a simweb corpus/],
        [join(dir, "garbage.duckdb"), "BAD_INPUT", /not a valid DuckDB/],
        [join(dir, "empty.duckdb"), "BAD_INPUT", /not a valid DuckDB/],
        [join(dir, "half.duckdb"), "BAD_INPUT", /damaged or truncated|not a valid/],
      ];
      await sql(join(dir, "foreign.duckdb"), ["CREATE TABLE pages (x INTEGER)", "INSERT INTO pages VALUES (1)", "CHECKPOINT"]);
      writeFileSync(join(dir, "garbage.duckdb"), Buffer.alloc(16_384, 0x37));
      writeFileSync(join(dir, "empty.duckdb"), "");
      writeFileSync(join(dir, "half.duckdb"), src.subarray(0, src.length >> 1));
      for (const [file, code, msg] of cases) {
        const before = sha(file);
        for (const attempt of [
          () => SimWeb.open(file),
          () => loadCorpus(file, [join(world.worldDir, "tasks.jsonl")]),
          () => openCorpus(file, { create: true }),
        ]) {
          const err = await (attempt as () => Promise<unknown>)().then(
            () => null,
            (e: unknown) => e,
          );
          expect(err, file).toBeInstanceOf(LoaderError);
          expect(err, file).toMatchObject({ code });
          expect((err as Error).message, file).toMatch(msg);
          expect((err as Error).message, file).toContain(file);
        }
        expect(sha(file), `${file} was written to`).toBe(before);
        expect(existsSync(`${file}.wal`), `${file}.wal`).toBe(false);
      }
      // the CLI names the problem and exits non-zero (no stack trace), leaving the file as it was
      const cli = await Promise.all(
        [cases[0], cases[2]].map(async (c) => {
          const [file] = c as [string, string, RegExp];
          const before = sha(file);
          const info = runTs(["scripts/cli.ts", "info", "--db", file]);
          const rollout = runTs(["scripts/cli.ts", "rollout", "--db", file, "--out", join(dir, "never.duckdb")]);
          const [i, r] = await Promise.all([info.exited, rollout.exited]);
          return { file, before, after: sha(file), codes: [i.code, r.code], err: [info.stderr(), rollout.stderr()] };
        }),
      );
      for (const c of cli) {
        expect(c.codes).toEqual([2, 2]);
        expect(c.after).toBe(c.before);
        for (const e of c.err) {
          expect(e).toMatch(/SCHEMA_MISMATCH|SCHEMA_TOO_NEW/);
          expect(e).toContain(c.file);
          expect(e).not.toMatch(/\n\s+at /);
        }
      }
      expect(existsSync(join(dir, "never.duckdb"))).toBe(false);
    },
    TIMEOUT,
  );
});
