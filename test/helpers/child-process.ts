/** @module Test helper: child processes (the CLI, small servers) with their output lines and exit, for kill -9 tests. */
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";

/** The repository root (where `scripts/cli.ts` lives). */
export const REPO_ROOT = join(import.meta.dirname, "..", "..");

/** A running child with its output so far and its exit. */
export interface Child {
  proc: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves on exit with the code or the signal that ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the first line (of stdout or stderr) that `match` accepts; rejects if the child exits first. */
  waitForLine(match: (line: string) => boolean, ms?: number): Promise<string>;
}

/**
 * Runs a TypeScript file with Node and tsx (no npx: the pid is the script's own, so SIGKILL hits it).
 * @example
 * const c = runTs(["scripts/cli.ts", "info", "--db", db]);
 * expect((await c.exited).code).toBe(0);
 */
export function runTs(args: string[], env: NodeJS.ProcessEnv = {}, argv0: string[] = []): Child {
  const proc = spawn(process.execPath, [...argv0, "--import", "tsx", ...args], {
    cwd: REPO_ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env },
  });
  let out = "";
  let err = "";
  const watchers: { match: (l: string) => boolean; resolve: (l: string) => void }[] = [];
  const feed = (chunk: string, prev: string): void => {
    const lines = (prev.slice(prev.lastIndexOf("\n") + 1) + chunk).split("\n");
    for (const line of lines.slice(0, -1)) {
      for (const w of watchers.splice(0)) {
        if (w.match(line)) w.resolve(line);
        else watchers.push(w);
      }
    }
  };
  proc.stdout?.on("data", (b: Buffer) => {
    const s = String(b);
    feed(s, out);
    out += s;
  });
  proc.stderr?.on("data", (b: Buffer) => {
    const s = String(b);
    feed(s, err);
    err += s;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return {
    proc,
    exited,
    stdout: () => out,
    stderr: () => err,
    waitForLine: (match, ms = 60_000) =>
      new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no matching line in ${ms} ms; stderr: ${err.slice(-2000)}`)), ms);
        void exited.then(({ code, signal }) => reject(new Error(`child exited (${code ?? signal}) first; stderr: ${err.slice(-2000)}`)));
        watchers.push({ match, resolve: (l) => (clearTimeout(t), resolve(l)) });
      }),
  };
}

/** The `done` count of a CLI JSON progress line, or null. */
export function progressDone(line: string): number | null {
  try {
    const o = JSON.parse(line) as { msg?: string; done?: number };
    return o.msg === "progress" && typeof o.done === "number" ? o.done : null;
  } catch {
    return null;
  }
}
