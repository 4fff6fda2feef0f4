/** @module `simweb index`: build the BM25 search index inside the corpus file. */
import { buildIndex } from "../../corpus-loader/index.ts";
import { intOption, type CommandSpec } from "../lib/command-spec.ts";
import { log } from "../lib/log.ts";

/** The `index` command. */
export const indexCommand: CommandSpec = {
  name: "index",
  description: "build (or rebuild) the search index stored in the corpus file",
  options: [
    { flags: "--db <path>", description: "corpus DuckDB file", required: true },
    { flags: "--no-stem", description: "disable Porter stemming" },
    { flags: "--workers <n>", description: "tokeniser threads (default min(2, cores); 1 = none, same index)", parse: intOption("--workers", 1) },
  ],
  action: async (_args, o) => {
    const workers = o.workers === undefined ? undefined : Number(o.workers);
    const s = await buildIndex(String(o.db), { stem: o.stem !== false, ...(workers === undefined ? {} : { workers }) });
    log("index built", { ...s });
  },
};
