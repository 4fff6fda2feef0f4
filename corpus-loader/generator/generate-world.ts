/** @module generateWorld(): the seeded synthetic web written as WARC.gz files plus tasks.jsonl and world.json. */
import { mkdir, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { LoaderError } from "../errors.ts";
import { stream } from "../../core/index.ts";
import { buildEntities } from "./entities.ts";
import type { EntityType } from "./entities.ts";
import { renderPageAt } from "./render-any.ts";
import { buildSitePlan, entityBudget } from "./site-plan.ts";
import { runShard } from "./run-shard.ts";
import { GENERATOR_VERSION, MAX_PAGES, MIN_PAGES, type GeneratedWorld, type GenerateWorldOptions } from "./world-options.ts";
import { buildTasks, defaultTaskCount } from "./tasks.ts";
import { buildVocabulary } from "./vocabulary.ts";
import { WorldWarcWriter } from "./warc-output.ts";
import type { WorldContext } from "./world-context.ts";
import { checkInt, taskLine } from "./output-rows.ts";

/**
 * Generates the default world: entities with facts, several kinds of sites, distractors,
 * near-duplicates, conflicting claims, noindex pages, redirects, 404s, non-English pages, and
 * tasks with gold answers and gold URLs. Pages are rendered and compressed one at a time
 * (memory does not grow with page count beyond the entity graph and plan).
 * @example
 * const world = await generateWorld({ seed: 42, pages: 20_000, outDir: "data/world" });
 * // world.files → ["data/world/world-00000.warc.gz", "data/world/world-00001.warc.gz"]
 * // world.tasksFile → "data/world/tasks.jsonl"
 */
export async function generateWorld(opts: GenerateWorldOptions): Promise<GeneratedWorld> {
  if (typeof opts !== "object" || opts === null) throw new LoaderError("GENERATOR_ERROR", "options object is required");
  const seed = checkInt("seed", opts.seed, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  const pages = checkInt("pages", opts.pages, MIN_PAGES, MAX_PAGES);
  const pagesPerFile = checkInt("pagesPerFile", opts.pagesPerFile ?? 10_000, 1, MAX_PAGES);
  const taskCount = checkInt("tasks", opts.tasks ?? defaultTaskCount(pages), 0, 1_000_000);
  if (typeof opts.outDir !== "string" || opts.outDir.length === 0) {
    throw new LoaderError("GENERATOR_ERROR", "outDir must be a non-empty path");
  }
  try {
    await mkdir(opts.outDir, { recursive: true });
  } catch (cause) {
    throw new LoaderError("GENERATOR_ERROR", `cannot create output directory ${opts.outDir}`, { cause });
  }

  const g = buildEntities(seed, entityBudget(pages));
  const plan = buildSitePlan(seed, pages, g);
  const vocab = buildVocabulary(seed, Math.min(40_000, Math.max(5_000, 3_000 + pages)));
  const ctx: WorldContext = { seed, g, plan, vocab };
  const crawlStart = Date.UTC(2024, 0, 1) + stream(seed, "generator", "crawl").int(365) * 86_400_000;
  const isPartOf = `simweb-world-seed-${seed}`;
  const infoDate = new Date(crawlStart).toISOString().replace(/\.\d{3}Z$/, "Z");
  const fileCount = Math.ceil(pages / pagesPerFile);
  const workers = checkInt("workers", opts.workers ?? 1, 1, 64);
  const mine = (f: number): boolean => (opts.shard ? f % opts.shard.count === opts.shard.index : true);
  const files: string[] = [];
  if (workers > 1 && !opts.shard) {
    // each worker process writes every workers-th file; pages are pure functions of (seed, index), so
    // the bytes are the same as a single process writes
    await Promise.all(
      Array.from({ length: Math.min(workers, fileCount) }, (_, index) =>
        runShard({ ...opts, workers: 1, shard: { index, count: Math.min(workers, fileCount) } }),
      ),
    );
  } else {
    for (let f = 0; f < fileCount; f++) {
      if (!mine(f)) continue;
      const writer = new WorldWarcWriter({ outDir: opts.outDir, pagesPerFile, isPartOf, infoDate, firstFile: f });
      try {
        for (let q = f * pagesPerFile; q < Math.min(pages, (f + 1) * pagesPerFile); q++) {
          const page = renderPageAt(ctx, plan.order[q] as number);
          await writer.add(page.url, page, new Date(crawlStart + q * 3_000));
        }
      } finally {
        await writer.close();
      }
    }
  }
  for (let f = 0; f < fileCount; f++) files.push(join(opts.outDir, `world-${String(f).padStart(5, "0")}.warc.gz`));
  if (opts.shard) return { files: files.filter((_, f) => mine(f)), tasksFile: "", pages, tasks: 0, bytes: 0 };

  const tasks = buildTasks(seed, g, plan, taskCount);
  const tasksFile = join(opts.outDir, "tasks.jsonl");
  const tasksText = tasks.map((t) => taskLine(t) + "\n").join("");
  await writeFile(tasksFile, tasksText);
  const countBy = <K extends string>(keys: readonly K[], f: (k: K) => number): Record<K, number> =>
    Object.fromEntries(keys.map((k) => [k, f(k)])) as Record<K, number>;
  const types: EntityType[] = ["country", "city", "person", "org", "work", "event"];
  const summary = {
    generator: "simweb-world",
    generatorVersion: GENERATOR_VERSION,
    warcVersion: "1.1",
    seed,
    pages,
    pagesPerFile,
    tasks: tasks.length,
    taskTypes: countBy(["single_fact", "multi_hop", "comparison", "link_only"] as const, (k) => tasks.filter((t) => t.type === k).length),
    splits: countBy(["train", "test"] as const, (k) => tasks.filter((t) => t.split === k).length),
    entities: countBy(types, (k) => g.byType[k].length),
    pageKinds: plan.counts,
    vocabulary: vocab.words.length,
    files: files.map((f) => f.slice(f.lastIndexOf("/") + 1)),
    tasksFile: "tasks.jsonl",
  };
  const summaryText = JSON.stringify(summary, null, 2) + "\n";
  await writeFile(join(opts.outDir, "world.json"), summaryText);
  let bytes = Buffer.byteLength(tasksText) + Buffer.byteLength(summaryText);
  for (const f of files) bytes += (await stat(f)).size;
  return { files, tasksFile, pages, tasks: tasks.length, bytes };
}
