/** @module The source of a worker thread that runs a TypeScript entry (registers tsx in the worker first). */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

/**
 * Source (for `new Worker(src, { eval: true })`) of a worker that loads the TypeScript module at
 * `entry`: Node 20 workers do not inherit the parent's `--import tsx` hooks, so the worker registers
 * tsx's ESM hooks itself, then imports the entry.
 * @example
 * new Worker(tsWorkerSource(new URL("./my-worker.ts", import.meta.url).href), { eval: true });
 */
export function tsWorkerSource(entry: string): string {
  const tsxDir = dirname(createRequire(import.meta.url).resolve("tsx/package.json"));
  const api = pathToFileURL(join(tsxDir, "dist/esm/api/index.mjs")).href;
  return `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
}
