/** @module `simweb index`: build the BM25F search index inside the corpus file. */
import { InvalidArgumentError } from "commander";
import { buildIndex } from "../../corpus-loader/index.ts";
import { DEFAULT_FIELDS, FieldSpecError, formatFieldSpec, parseFieldSpec } from "../../env/search/index.ts";
import { intOption, numberOption, type CommandSpec } from "../lib/command-spec.ts";
import { log } from "../lib/log.ts";

/** The `index` command. */
export const indexCommand: CommandSpec = {
  name: "index",
  description: "build (or rebuild) the search index stored in the corpus file",
  options: [
    { flags: "--db <path>", description: "corpus DuckDB file", required: true },
    { flags: "--no-stem", description: "disable Porter stemming" },
    { flags: "--workers <n>", description: "tokeniser threads (default min(2, cores); 1 = none, same index)", parse: intOption("--workers", 1) },
    {
      flags: "--fields <spec>",
      description: `BM25F fields as name:weight[:b],... over the defaults (${formatFieldSpec(DEFAULT_FIELDS)}); weight 0 leaves a field out`,
      parse: (v: string) => {
        try {
          return parseFieldSpec(v);
        } catch (err) {
          if (err instanceof FieldSpecError) throw new InvalidArgumentError(`--fields: ${err.message}`);
          throw err;
        }
      },
    },
    { flags: "--k1 <k1>", description: "BM25F saturation k1 (default 1.2)", parse: numberOption("--k1") },
  ],
  action: async (_args, o) => {
    const workers = o.workers === undefined ? undefined : Number(o.workers);
    const s = await buildIndex(String(o.db), {
      stem: o.stem !== false,
      ...(workers === undefined ? {} : { workers }),
      ...(o.fields === undefined ? {} : { fields: o.fields as ReturnType<typeof parseFieldSpec> }),
      ...(o.k1 === undefined ? {} : { k1: Number(o.k1) }),
    });
    log("index built", { ...s });
  },
};
