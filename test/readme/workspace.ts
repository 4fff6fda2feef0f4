/** @module The README examples' working directory: the files they name, `npm run simweb` wired to this checkout, free ports for the ones they name. */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { REPO_ROOT } from "../helpers/child-process.ts";

/**
 * Builds the directory the README's commands run in: a `package.json` whose `simweb` and `demo` scripts
 * run this checkout's CLI (so `npm run simweb -- …` runs as printed), `node_modules`, `clients/` and
 * `scripts/` linked to the checkout, and the inputs the examples name: `crawl/*.warc.gz` (a real wget crawl),
 * `fineweb/000_00000.parquet` (FineWeb's columns), `wiki-18.jsonl` (Search-R1 corpus rows) and
 * `my-tasks.jsonl` (tasks over that crawl).
 */
export async function makeWorkspace(dir: string): Promise<void> {
  const cli = join(REPO_ROOT, "scripts", "cli.ts");
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({ name: "readme-workspace", private: true, type: "module", scripts: { simweb: `tsx ${cli}`, demo: `tsx ${cli} demo` } }, null, 2),
  );
  symlinkSync(join(REPO_ROOT, "node_modules"), join(dir, "node_modules"));
  symlinkSync(join(REPO_ROOT, "clients"), join(dir, "clients"));
  symlinkSync(join(REPO_ROOT, "scripts"), join(dir, "scripts")); // `npx tsx scripts/cli.ts`, as the README's MCP config runs it
  mkdirSync(join(dir, "crawl"));
  copyFileSync(join(REPO_ROOT, "test/fixtures/pgdocs-small.warc.gz"), join(dir, "crawl", "pgdocs-small.warc.gz"));
  mkdirSync(join(dir, "fineweb"));
  const db = await DuckDBInstance.create(":memory:");
  const conn = await db.connect();
  await conn.run(`COPY (SELECT 'FineWeb row ' || i || ': the frozen web answers every query the same way, run after run.' AS text,
      '<urn:uuid:' || i || '>' AS id, 'https://fineweb.example/' || i AS url, '2024-01-0' || (1 + i % 9) || 'T00:00:00Z' AS date,
      'en' AS language FROM range(20) t(i)) TO '${join(dir, "fineweb", "000_00000.parquet")}' (FORMAT parquet)`);
  conn.closeSync();
  writeFileSync(
    join(dir, "wiki-18.jsonl"),
    ['"Paris"\nParis is the capital and most populous city of France.', '"Berlin"\nBerlin is the capital of Germany.']
      .map((contents, i) => JSON.stringify({ id: String(i), contents }))
      .join("\n") + "\n",
  );
  writeFileSync(
    join(dir, "my-tasks.jsonl"),
    JSON.stringify({
      id: "mine-1",
      question: "What is the capital of Germany?",
      answers: ["Berlin"],
      gold_urls: ["https://corpus.invalid/doc/1"],
      split: "train",
    }) + "\n",
  );
}

/** A free loopback port for each port the README names. */
export async function freePorts(named: readonly number[]): Promise<Map<number, number>> {
  const map = new Map<number, number>();
  for (const p of named) {
    map.set(
      p,
      await new Promise<number>((resolve, reject) => {
        const s = createServer();
        s.once("error", reject);
        s.listen(0, "127.0.0.1", () => {
          const port = (s.address() as { port: number }).port;
          s.close(() => resolve(port));
        });
      }),
    );
  }
  return map;
}

/** The first Python that can import websockets ($SIMWEB_PYTHON, python3, Debian's /usr/bin/python3), or null. */
export function findPython(): string | null {
  for (const py of [process.env.SIMWEB_PYTHON, "python3", "/usr/bin/python3"].filter((p): p is string => !!p)) {
    if (spawnSync(py, ["-c", "import websockets"], { stdio: "ignore" }).status === 0) return py;
  }
  return null;
}
