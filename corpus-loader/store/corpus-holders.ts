/**
 * @module Which live processes serve a corpus file. DuckDB lets a writer open a file that other
 * processes hold read-only, so `load` and `index` would change the pages under a running server; a
 * server registers itself in `<corpus>.holders/<pid>` and writers refuse while a holder is alive.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { LoaderError } from "../errors.ts";

/** The folder where holders of `dbPath` register. */
function holdersDir(dbPath: string): string {
  return `${dbPath}.holders`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to another user
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Registers this process as serving `dbPath`; returns the release function (idempotent). A holder
 * killed with `kill -9` leaves its file behind, and `liveHolders` ignores (and removes) it.
 * @example
 * const release = holdCorpus("corpus.duckdb");
 * try { serve(); } finally { release(); }
 */
export function holdCorpus(dbPath: string): () => void {
  const file = join(holdersDir(dbPath), String(process.pid));
  try {
    mkdirSync(holdersDir(dbPath), { recursive: true });
    writeFileSync(file, JSON.stringify({ pid: process.pid, argv: process.argv.slice(1, 4), since: new Date().toISOString() }));
  } catch {
    return () => undefined; // a read-only directory: serving works, writers are just not warned
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    rmSync(file, { force: true });
  };
}

/**
 * Pids of the live processes (other than this one) that serve `dbPath`, oldest registration first.
 * @example
 * if (liveHolders(db).length > 0) throw new LoaderError("CORPUS_BUSY", "...");
 */
export function liveHolders(dbPath: string): number[] {
  let names: string[];
  try {
    names = readdirSync(holdersDir(dbPath));
  } catch {
    return [];
  }
  const pids: number[] = [];
  for (const name of names) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) continue;
    if (alive(pid)) pids.push(pid);
    else rmSync(join(holdersDir(dbPath), name), { force: true });
  }
  return pids.sort((a, b) => a - b);
}

/**
 * Throws `CORPUS_BUSY` when a live process serves `dbPath` (writers call it before changing the file).
 * @example
 * refuseIfServed("corpus.duckdb", "load");
 */
export function refuseIfServed(dbPath: string, what: string): void {
  const pids = liveHolders(dbPath);
  if (pids.length === 0) return;
  throw new LoaderError(
    "CORPUS_BUSY",
    `cannot ${what} ${dbPath}: it is served by pid ${pids.join(", ")} (simweb serve or another process holding it); stop that process first, or ${what} a copy and restart the server on the copy`,
  );
}
