/** @module Worker threads that turn page chunks into term batches (the parallel half of the index build). */
import { Worker } from "node:worker_threads";
import { LoaderError } from "../errors.ts";
import { tsWorkerSource } from "../workers/ts-worker-source.ts";
import type { TermBatch } from "./term-counter.ts";
import type { TokenizeRequest, TokenizeWorkerData } from "./tokenize-worker.ts";

const ENTRY = new URL("./tokenize-worker.ts", import.meta.url).href;

interface Waiter {
  resolve: (b: TermBatch) => void;
  reject: (e: Error) => void;
}

/**
 * A fixed set of tokenize workers. Each worker keeps its own term dictionary, so chunks sent to one
 * worker are counted in the order sent and its batches' term ids are local to it.
 * @example
 * const pool = new TokenizePool(2, { stem: true });
 * const batch = await pool.submit(0, [titles, headings, anchors, urls, texts]);
 * await pool.close();
 */
export class TokenizePool {
  private readonly workers: Worker[] = [];
  private readonly waiting: Waiter[][] = [];
  private failure: Error | null = null;

  constructor(size: number, data: TokenizeWorkerData) {
    const src = tsWorkerSource(ENTRY);
    for (let w = 0; w < size; w++) {
      const worker = new Worker(src, { eval: true, workerData: data });
      const queue: Waiter[] = [];
      worker.on("message", (b: TermBatch) => queue.shift()?.resolve(b));
      const fail = (e: Error): void => {
        this.failure ??= new LoaderError("INDEX_BUILD_ERROR", `index-build worker ${w} failed: ${e.message}`, { cause: e });
        for (const q of this.waiting) for (const waiter of q.splice(0)) waiter.reject(this.failure);
      };
      worker.on("error", fail);
      worker.on("exit", (code) => {
        if (queue.length > 0) fail(new Error(`exited with code ${code}`));
      });
      this.workers.push(worker);
      this.waiting.push(queue);
    }
  }

  /** Number of workers. */
  get size(): number {
    return this.workers.length;
  }

  /** Sends a chunk (`fields[f][i]`: field f of page i) to worker `w`; resolves with its batch (batches of one worker come in order). */
  submit(w: number, fields: string[][]): Promise<TermBatch> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      (this.waiting[w] as Waiter[]).push({ resolve, reject });
      const req: TokenizeRequest = { fields };
      (this.workers[w] as Worker).postMessage(req);
    });
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    for (const q of this.waiting) q.length = 0;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
