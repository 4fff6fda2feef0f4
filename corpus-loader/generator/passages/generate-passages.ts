/** @module generatePassages(): a wiki-18-shaped passage corpus (Search-R1 `{"id","contents"}` JSONL) plus tasks.jsonl and passages.json. */
import { mkdir, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { LoaderError } from "../../errors.ts";
import { runWorker } from "../run-shard.ts";
import { defaultTaskCount } from "../tasks.ts";
import {
  MAX_PASSAGES,
  MIN_PASSAGES,
  PASSAGE_FORMATS,
  PASSAGES_VERSION,
  type GeneratedPassages,
  type GeneratePassagesOptions,
  type PassageFormat,
} from "./passage-options.ts";
import { buildPassageTasks } from "./passage-tasks.ts";
import { buildPassageWorld } from "./passage-world.ts";
import { writePassageFile } from "./write-passage-file.ts";
import { checkInt, taskLine } from "../output-rows.ts";

const WORKER_MAIN = fileURLToPath(new URL("./passage-shard-main.ts", import.meta.url));

/** `passages-00007.jsonl` (or `.jsonl.gz`). */
export function passageFileName(f: number, format: PassageFormat): string {
  return `passages-${String(f).padStart(5, "0")}.${format}`;
}

/**
 * Generates a passage corpus shaped like Search-R1's wiki-18: rows `{"id": "0", "contents":
 * "\"Title\"\ntext"}` of ~100 words, several consecutive passages per article, each opening with the
 * article's title line. Articles are the world generator's entities (with fact sentences that tasks ask
 * about) among filler articles; `tasks.jsonl` has the world's task rows with `gold_urls` the synthetic
 * URLs `simweb load` gives the passages (`https://corpus.invalid/doc/<id>`). Files are pure functions of
 * (seed, passages, passagesPerFile), so any number of worker processes writes the same bytes; this
 * process renders shard 0 while `workers - 1` children render the others.
 * @example
 * const c = await generatePassages({ seed: 1, passages: 100_000, outDir: "data/passages" });
 * // c.files → ["data/passages/passages-00000.jsonl"]; c.tasksFile → "data/passages/tasks.jsonl"
 */
export async function generatePassages(opts: GeneratePassagesOptions): Promise<GeneratedPassages> {
  if (typeof opts !== "object" || opts === null) throw new LoaderError("GENERATOR_ERROR", "options object is required");
  const seed = checkInt("seed", opts.seed, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  const passages = checkInt("passages", opts.passages, MIN_PASSAGES, MAX_PASSAGES);
  const perFile = checkInt("passagesPerFile", opts.passagesPerFile ?? 250_000, 1, MAX_PASSAGES);
  const taskCount = checkInt("tasks", opts.tasks ?? defaultTaskCount(passages), 0, 1_000_000);
  const workers = checkInt("workers", opts.workers ?? 1, 1, 64);
  const format = opts.format ?? "jsonl";
  if (!PASSAGE_FORMATS.includes(format)) {
    throw new LoaderError("GENERATOR_ERROR", `format must be one of ${PASSAGE_FORMATS.join(", ")}, got ${JSON.stringify(format)}`);
  }
  if (typeof opts.outDir !== "string" || opts.outDir.length === 0) throw new LoaderError("GENERATOR_ERROR", "outDir must be a non-empty path");
  try {
    await mkdir(opts.outDir, { recursive: true });
  } catch (cause) {
    throw new LoaderError("GENERATOR_ERROR", `cannot create output directory ${opts.outDir}`, { cause });
  }
  const fileCount = Math.ceil(passages / perFile);
  const files = Array.from({ length: fileCount }, (_, f) => join(opts.outDir, passageFileName(f, format)));
  const shards = opts.shard ?? { index: 0, count: Math.min(workers, fileCount) };
  // the children start first, so they build their world while this process builds its own
  const children =
    opts.shard === undefined
      ? Array.from({ length: shards.count - 1 }, (_, i) => runWorker(WORKER_MAIN, { ...opts, shard: { index: i + 1, count: shards.count } }))
      : [];
  const settled = Promise.allSettled(children);
  const world = buildPassageWorld(seed, passages);
  let mine: unknown = null;
  try {
    for (let f = shards.index; f < fileCount; f += shards.count) {
      await writePassageFile(world, f * perFile, Math.min(passages, (f + 1) * perFile), files[f] as string, format);
    }
  } catch (err) {
    mine = err;
  }
  // wait for every child even when this shard failed, so none outlives the call
  const failed = (await settled).find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (mine !== null) throw mine;
  if (failed !== undefined) throw failed.reason;
  const entities = world.layout.articleOf.reduce((n, a) => n + (a >= 0 ? 1 : 0), 0);
  if (opts.shard !== undefined) {
    return {
      files: files.filter((_, f) => f % shards.count === shards.index),
      tasksFile: "",
      passages,
      articles: world.layout.articles,
      entities,
      tasks: 0,
      bytes: 0,
    };
  }
  const tasks = buildPassageTasks(seed, world.g, world.layout, taskCount);
  const tasksFile = join(opts.outDir, "tasks.jsonl");
  const tasksText = tasks.map((t) => taskLine(t) + "\n").join("");
  await writeFile(tasksFile, tasksText);
  const summary = {
    generator: "simweb-passages",
    generatorVersion: PASSAGES_VERSION,
    seed,
    passages,
    passagesPerFile: perFile,
    format,
    articles: world.layout.articles,
    entities,
    vocabulary: world.vocab.words.length,
    tasks: tasks.length,
    taskTypes: { single_fact: tasks.filter((t) => t.type === "single_fact").length, multi_hop: tasks.filter((t) => t.type === "multi_hop").length },
    files: files.map((f) => f.slice(f.lastIndexOf("/") + 1)),
    tasksFile: "tasks.jsonl",
  };
  const summaryText = JSON.stringify(summary, null, 2) + "\n";
  await writeFile(join(opts.outDir, "passages.json"), summaryText);
  let bytes = Buffer.byteLength(tasksText) + Buffer.byteLength(summaryText);
  for (const f of files) bytes += (await stat(f)).size;
  return { files, tasksFile, passages, articles: world.layout.articles, entities, tasks: tasks.length, bytes };
}
