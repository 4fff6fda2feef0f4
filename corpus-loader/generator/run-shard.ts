/** @module Runs one shard of a generation in a child process (`node --import tsx <main> <json>`). */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { LoaderError } from "../errors.ts";
import type { GenerateWorldOptions } from "./world-options.ts";

const MAIN = fileURLToPath(new URL("./shard-main.ts", import.meta.url));

/** Spawns a child that calls `generateWorld(opts)` with `opts.shard` set; resolves when it exits 0. */
export function runShard(opts: GenerateWorldOptions): Promise<void> {
  return runWorker(MAIN, opts);
}

/**
 * Spawns `node --import tsx <main> <JSON of opts>` (a generator's worker entry point); resolves when
 * it exits 0, rejects with `GENERATOR_ERROR` and the tail of its stderr otherwise.
 */
export function runWorker(main: string, opts: { shard?: { index: number; count: number } }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", main, JSON.stringify(opts)], { stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    child.stderr.on("data", (c: Buffer) => (err = (err + c.toString()).slice(-4000)));
    child.on("error", (e) => reject(new LoaderError("GENERATOR_ERROR", `cannot start a generator worker: ${e.message}`, { cause: e })));
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new LoaderError("GENERATOR_ERROR", `generator worker ${opts.shard?.index} exited with ${code}: ${err.trim()}`)),
    );
  });
}
