/** @module `simweb generate`: write the seeded synthetic world as WARC.gz files + tasks.jsonl, or (`--passages`) a wiki-18-shaped passage corpus. */
import { generatePassages, generateWorld, PASSAGE_FORMATS, type PassageFormat } from "../../corpus-loader/index.ts";
import { intOption, type CommandSpec } from "../lib/command-spec.ts";
import { log } from "../lib/log.ts";
import { availableParallelism } from "node:os";

/** One generator process per core, at most 4. */
export function defaultWorkers(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

/** The `generate` command. */
export const generateCommand: CommandSpec = {
  name: "generate",
  description: "generate the seeded synthetic web as real WARC.gz files and tasks.jsonl, or with --passages a Search-R1 passage corpus",
  options: [
    { flags: "--seed <n>", description: "world seed", default: 1, parse: intOption("--seed") },
    { flags: "--pages <n>", description: "number of web pages (e.g. 20000, 100k, 1m)", default: 20_000, parse: intOption("--pages", 1) },
    {
      flags: "--passages <n>",
      description: 'instead of web pages: a wiki-18-shaped corpus of n ~100-word passages, {"id","contents"} JSONL (e.g. 100k, 1m)',
      parse: intOption("--passages", 1),
      conflicts: ["pages"],
    },
    { flags: "--format <f>", description: "passage file format (with --passages)", choices: PASSAGE_FORMATS, default: "jsonl" },
    { flags: "--per-file <n>", description: "passages per file (with --passages)", default: 250_000, parse: intOption("--per-file", 1) },
    { flags: "--out <dir>", description: "output directory (default: data/world, with --passages data/passages)" },
    {
      flags: "--workers <n>",
      description: "worker processes writing files in parallel (same bytes)",
      default: defaultWorkers(),
      parse: intOption("--workers", 1),
    },
  ],
  action: async (_args, o) => {
    const t0 = performance.now();
    if (o.passages !== undefined) {
      const c = await generatePassages({
        seed: Number(o.seed),
        passages: Number(o.passages),
        outDir: String(o.out ?? "data/passages"),
        format: o.format as PassageFormat,
        passagesPerFile: Number(o.perFile),
        workers: Number(o.workers),
      });
      const s = (performance.now() - t0) / 1000;
      log("passages generated", {
        dir: o.out ?? "data/passages",
        passages: c.passages,
        articles: c.articles,
        entities: c.entities,
        tasks: c.tasks,
        files: c.files.length,
        mb: +(c.bytes / 1e6).toFixed(1),
        seconds: +s.toFixed(2),
        passagesPerSecond: Math.round(c.passages / s),
      });
      return;
    }
    const w = await generateWorld({ seed: Number(o.seed), pages: Number(o.pages), outDir: String(o.out ?? "data/world"), workers: Number(o.workers) });
    const s = (performance.now() - t0) / 1000;
    log("world generated", {
      dir: o.out ?? "data/world",
      pages: w.pages,
      tasks: w.tasks,
      files: w.files.length,
      mb: +(w.bytes / 1e6).toFixed(1),
      seconds: +s.toFixed(2),
      pagesPerSecond: Math.round(w.pages / s),
    });
  },
};
