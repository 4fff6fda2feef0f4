import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LoaderError } from "../../../corpus-loader/errors.ts";
import { generateWorld } from "../../../corpus-loader/generator/index.ts";
import type { GeneratedWorld } from "../../../corpus-loader/generator/index.ts";
import { readWarc } from "../../../corpus-loader/readers/warc.ts";
import type { PageRecord } from "../../../corpus-loader/types.ts";
import { canonicalizeUrl } from "../../../corpus-loader/url/canonicalize.ts";
import { parseHttp, rawRecords } from "./raw-warc.ts";

interface TaskRow {
  id: string;
  question: string;
  answers: string[];
  gold_urls: string[];
  hops: number;
  split: string;
  type: string;
}

const PAGES = 300;
const root = mkdtempSync(join(tmpdir(), "simweb-gen-"));
let world: GeneratedWorld;
let pages: Map<string, PageRecord>;
let tasks: TaskRow[];

const sha = (p: string): string => createHash("sha256").update(readFileSync(p)).digest("hex");
const hashes = (dir: string): Record<string, string> =>
  Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((f) => [f, sha(join(dir, f))]),
  );
const canon = (u: string): string => canonicalizeUrl(u) ?? u;

beforeAll(async () => {
  world = await generateWorld({ seed: 7, pages: PAGES, outDir: join(root, "a"), pagesPerFile: 120, tasks: 60 });
  pages = new Map();
  for (const f of world.files) {
    for await (const ev of readWarc(f)) if (ev.kind === "page") pages.set(ev.page.url, ev.page);
  }
  tasks = readFileSync(world.tasksFile, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as TaskRow);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("generateWorld()", () => {
  it("returns what it wrote: files, counts and total bytes", () => {
    expect(world.files.map((f) => f.slice(f.lastIndexOf("/") + 1))).toEqual(["world-00000.warc.gz", "world-00001.warc.gz", "world-00002.warc.gz"]);
    expect(world.pages).toBe(PAGES);
    expect(world.tasks).toBe(tasks.length);
    expect(tasks.length).toBe(60);
    const dir = join(root, "a");
    const total = readdirSync(dir).reduce((s, f) => s + statSync(join(dir, f)).size, 0);
    expect(world.bytes).toBe(total);
    const summary = JSON.parse(readFileSync(join(dir, "world.json"), "utf8")) as Record<string, unknown>;
    expect(summary).toMatchObject({ seed: 7, pages: PAGES, tasks: 60, generatorVersion: 1 });
  });

  it("is byte-identical for the same seed and differs for another seed", async () => {
    await generateWorld({ seed: 7, pages: PAGES, outDir: join(root, "b"), pagesPerFile: 120, tasks: 60 });
    await generateWorld({ seed: 8, pages: PAGES, outDir: join(root, "c"), pagesPerFile: 120, tasks: 60 });
    const a = hashes(join(root, "a"));
    expect(Object.keys(a)).toHaveLength(5);
    expect(hashes(join(root, "b"))).toEqual(a);
    const c = hashes(join(root, "c"));
    for (const f of Object.keys(a)) expect(c[f]).not.toBe(a[f]);
  });

  it("writes warcinfo first, then a request and a full HTTP response per page", () => {
    let responses = 0;
    for (const f of world.files) {
      const recs = rawRecords(f);
      expect(recs[0]?.headers.get("warc-type")).toBe("warcinfo");
      for (let i = 1; i < recs.length; i += 2) {
        const req = recs[i];
        const res = recs[i + 1];
        expect(req?.headers.get("warc-type")).toBe("request");
        expect(res?.headers.get("warc-type")).toBe("response");
        expect(res?.headers.get("warc-target-uri")).toBe(req?.headers.get("warc-target-uri"));
        expect(res?.headers.get("warc-date")).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
        const http = parseHttp(res!.block);
        expect(http.headers.get("content-type")).toMatch(/^text\/html; charset=utf-8$/i);
        expect(http.headers.get("date")).toMatch(/GMT$/);
        expect(http.headers.get("server")).toBeTruthy();
        expect(Number(http.headers.get("content-length"))).toBe(http.body.byteLength);
        if (http.status === 301) {
          const to = http.headers.get("location") ?? "";
          expect(pages.get(canon(to))?.status).toBe(200);
        }
        responses++;
      }
    }
    expect(responses).toBe(PAGES);
  });

  it("parses with readWarc into exactly the requested number of distinct pages", () => {
    expect(pages.size).toBe(PAGES);
    const statuses = new Set([...pages.values()].map((p) => p.status));
    expect(statuses).toEqual(new Set([200, 301, 404]));
    const langs = new Set([...pages.values()].map((p) => p.lang));
    for (const l of ["en", "de", "fr", "es"]) expect(langs).toContain(l);
    expect([...pages.values()].some((p) => p.noindex && p.status === 200)).toBe(true);
  });

  it("gives every task gold URLs that are 200 pages", () => {
    for (const t of tasks) {
      expect(t.gold_urls.length).toBeGreaterThan(0);
      for (const u of t.gold_urls) expect(pages.get(canon(u))?.status, `${t.id} ${u}`).toBe(200);
    }
  });

  it("states each single-fact and multi-hop answer in the last gold page's text", () => {
    const checked = tasks.filter((t) => t.type === "single_fact" || t.type === "multi_hop" || t.type === "link_only");
    expect(checked.length).toBeGreaterThan(15);
    for (const t of checked) {
      const text = pages.get(canon(t.gold_urls[t.gold_urls.length - 1] as string))?.text ?? "";
      expect(
        t.answers.some((a) => text.includes(a)),
        `${t.question} → ${t.answers.join(" | ")}`,
      ).toBe(true);
    }
  });

  it("hides link-only answers on noindex pages linked from an indexed page", () => {
    const linkOnly = tasks.filter((t) => t.type === "link_only");
    expect(linkOnly.length).toBeGreaterThan(0);
    const linkedFromIndexed = new Set<string>();
    for (const p of pages.values()) if (!p.noindex && p.status === 200) for (const l of p.links) linkedFromIndexed.add(l.url);
    for (const t of linkOnly) {
      for (const u of t.gold_urls) {
        expect(pages.get(canon(u))?.noindex).toBe(true);
        expect(linkedFromIndexed.has(canon(u))).toBe(true);
      }
      const answer = t.answers[0] as string;
      for (const p of pages.values()) if (!p.noindex) expect(p.text.includes(answer)).toBe(false);
    }
  });

  it("writes task rows in the documented shape, answers never in the question", () => {
    const ids = new Set<string>();
    for (const t of tasks) {
      expect(Object.keys(t)).toEqual(["id", "question", "answers", "gold_urls", "hops", "split", "type"]);
      expect(["train", "test"]).toContain(t.split);
      expect(["single_fact", "multi_hop", "comparison", "link_only"]).toContain(t.type);
      expect(t.hops).toBe(t.type === "single_fact" ? 1 : t.type === "multi_hop" ? t.gold_urls.length : 2);
      for (const a of t.answers) expect(t.question.toLowerCase()).not.toContain(a.toLowerCase());
      ids.add(t.id);
    }
    expect(ids.size).toBe(tasks.length);
    expect(new Set(tasks.map((t) => t.type)).size).toBe(4);
    expect(tasks.some((t) => t.hops === 3)).toBe(true);
  });

  it("rejects bad options with GENERATOR_ERROR", async () => {
    const bad = [
      { seed: 1, pages: 50, outDir: join(root, "x") },
      { seed: 1.5, pages: 200, outDir: join(root, "x") },
      { seed: 1, pages: 200, outDir: "" },
      { seed: 1, pages: 200, outDir: join(root, "x"), pagesPerFile: 0 },
      { seed: 1, pages: 200, outDir: join(root, "x"), tasks: -1 },
    ];
    for (const opts of bad) {
      const err = await generateWorld(opts).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(LoaderError);
      expect((err as LoaderError).code).toBe("GENERATOR_ERROR");
    }
  });
});
