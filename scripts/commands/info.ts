/** @module `simweb info`: print a corpus summary. */
import { corpusInfo, type CorpusInfo } from "../../corpus-loader/index.ts";
import type { CommandSpec } from "../lib/command-spec.ts";

/** The `info` command. */
export const infoCommand: CommandSpec = {
  name: "info",
  description: "print a summary of a corpus file (pages, hosts, languages, tasks, size)",
  options: [
    { flags: "--db <path>", description: "corpus DuckDB file", required: true },
    { flags: "--json", description: "print JSON", default: false },
  ],
  action: async (_args, o) => {
    const info = await corpusInfo(String(o.db));
    process.stdout.write(o.json ? JSON.stringify(info, null, 2) + "\n" : formatInfo(info));
  },
};

/** Human-readable corpus summary. */
export function formatInfo(i: CorpusInfo): string {
  const lines = [
    `corpus      ${i.path} (${(i.bytes / 1e6).toFixed(1)} MB)`,
    `pages       ${i.pages} (${i.indexable} indexable, ${i.redirects} redirects, ${(i.textBytes / 1e6).toFixed(1)} MB text)`,
    `hosts       ${i.hosts}: ${i.topHosts
      .slice(0, 5)
      .map((h) => `${h.host} (${h.pages})`)
      .join(", ")}`,
    `languages   ${i.languages.map((l) => `${l.lang} ${l.pages}`).join(", ")}`,
    `links       ${i.links} (${i.resolvedLinks} to pages in the corpus)`,
    `tasks       ${i.tasks}${i.tasksByType.length ? ": " + i.tasksByType.map((t) => `${t.type}/${t.split} ${t.tasks}`).join(", ") : ""}`,
    `meta        ${Object.entries(i.meta)
      .map(([k, v]) => `${k}=${v}`)
      .join(" ")}`,
  ];
  return lines.join("\n") + "\n";
}
