/** @module `simweb load`: read WARC/WET/Parquet/JSONL files (and tasks) into a corpus DuckDB file. */
import { INPUT_FORMATS, loadCorpus, loadTasks, LoaderError, tasksOfInputs, type InputFormat, type LoadSummary } from "../../corpus-loader/index.ts";
import type { CommandSpec } from "../lib/command-spec.ts";
import { clearProgress, log, progress } from "../lib/log.ts";

/** The `load` command. */
export const loadCommand: CommandSpec = {
  name: "load",
  description: "load corpus files (globs, directories) and task files into a corpus DuckDB file, incrementally",
  args: ["[inputs...]"],
  options: [
    { flags: "--db <path>", description: "corpus DuckDB file (created when missing)", required: true },
    { flags: "--format <format>", description: "input format", default: "auto", choices: INPUT_FORMATS },
    {
      flags: "--tasks <files...>",
      description: "task files (JSONL/Parquet: simweb, Search-R1 or BrowseComp-Plus rows); a directory input's tasks.jsonl is loaded too",
    },
    { flags: "--no-html", description: "do not keep raw HTML (smaller file; /page?format=html then answers 404)" },
    { flags: "--sort-query", description: "sort URL query parameters when canonicalising", default: false },
    {
      flags: "--workers <n>",
      description: "threads reading files and byte ranges of big .warc.gz files in parallel (default 0: read in the main thread)",
    },
  ],
  action: async (inputs, o) => {
    const taskFiles = [...((o.tasks as string[] | undefined) ?? []), ...tasksOfInputs(inputs)];
    if (inputs.length === 0 && taskFiles.length === 0) {
      throw new LoaderError("BAD_INPUT", "nothing to load: give corpus inputs (files, directories, globs) and/or --tasks <file>");
    }
    if (inputs.length > 0) {
      const summary = await loadCorpus(String(o.db), inputs, {
        format: o.format as InputFormat,
        keepHtml: o.html !== false,
        sortQuery: o.sortQuery === true,
        ...(o.workers === undefined ? {} : { workers: workerCount(String(o.workers)) }),
        onProgress: (p) => progress("load", p.fileIndex, p.files, { records: p.records, pages: p.pages }),
      });
      clearProgress();
      printLoadSummary(summary);
      if (summary.files > 0 && summary.skippedFiles.length === summary.files) {
        log("no input file could be read", { code: summary.skippedFiles[0]?.code ?? "BAD_INPUT", files: summary.files }, "error");
        process.exitCode = 2;
      }
    }
    for (const f of [...new Set(taskFiles)]) {
      const t = await loadTasks(String(o.db), f);
      process.stdout.write(
        `tasks           ${t.written} from ${f}${t.skipped > 0 ? ` (${t.skipped} bad rows skipped; first: row ${t.errors[0]?.row}: ${t.errors[0]?.message})` : ""}\n`,
      );
      log("tasks loaded", { file: f, tasks: t.written, skipped: t.skipped });
    }
  },
};

function workerCount(v: string): number {
  const n = Number(v);
  if (!/^\d{1,3}$/.test(v) || n > 64) throw new LoaderError("BAD_INPUT", `--workers must be an integer from 0 to 64, got ${JSON.stringify(v)}`);
  return n;
}

/**
 * Prints the end-of-load summary: files (each skipped one named with its code and why), records read,
 * pages kept, duplicates, skipped records by reason.
 */
export function printLoadSummary(s: LoadSummary): void {
  const mb = s.bytes / 1e6;
  process.stdout.write(
    [
      `files           ${s.files} (${mb.toFixed(1)} MB)${s.skippedFiles.length > 0 ? `, ${s.skippedFiles.length} skipped` : ""}`,
      ...s.skippedFiles.map((f) => `  skipped file  ${f.file}  ${f.code}: ${f.message}${f.records > 0 ? ` (after ${f.records} records, kept)` : ""}`),
      `records read    ${s.records}`,
      `pages added     ${s.pagesAdded} (replaced by a later fetch: ${s.pagesReplaced})`,
      `duplicates      ${s.duplicateUrl} same URL, ${s.duplicateContent} same content`,
      `links           ${s.links}`,
      `skipped         ${
        Object.entries(s.skipped)
          .filter(([k]) => k !== "record_type")
          .map(([k, v]) => `${k}=${v}`)
          .join(" ") || "none"
      }`,
      `not pages       ${
        Object.entries(s.skippedTypes)
          .map(([k, v]) => `${k}=${v}`)
          .join(" ") || "none"
      } (WARC records that are not page captures, such as requests and warcinfo, are passed over by design)`,
      `corpus pages    ${s.totalPages}`,
      `time            ${s.seconds.toFixed(2)} s (${(s.records / s.seconds).toFixed(0)} records/s, ${(mb / s.seconds).toFixed(1)} MB/s)`,
      "",
    ].join("\n"),
  );
  for (const f of s.skippedFiles) {
    log("input file skipped", { file: f.file, code: f.code, detail: f.message, records: f.records }, "warn");
  }
  for (const b of s.badRecords.slice(0, 20)) {
    log("bad record skipped", { file: b.file, offset: b.offset, reason: b.reason, detail: b.message }, "warn");
  }
  if (s.badRecords.length > 20) log(`... ${s.badRecords.length - 20} more bad records`, {}, "warn");
}
