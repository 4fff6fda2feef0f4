/**
 * @module Batches answered across the serving cores: with `serve --workers N`, the worker a
 * `/retrieve` batch arrives at sends chunks of it to its peers over the cluster IPC channel (the
 * primary relays) and answers chunks itself meanwhile (see `batch-split.ts`).
 */
import type { SimWeb } from "../simweb/index.ts";
import { answerBatchParts, type BatchJob } from "./retrieve-batch.ts";
import type { BatchPeers } from "./retrieve-options.ts";

export type { BatchPeers } from "./retrieve-options.ts";

/** IPC message: a slice to answer (`origin`: the asking worker's id, set by the primary). */
export interface BatchJobMessage {
  type: "simweb:batch-job";
  id: number;
  origin?: number;
  job: BatchJob;
}
/** IPC message: a slice's answer, or why there is none. */
export interface BatchDoneMessage {
  type: "simweb:batch-done";
  id: number;
  origin?: number;
  parts?: string[];
  error?: string;
}

/** How long a slice may take a peer before the asking worker answers it itself (ms). */
export const PEER_TIMEOUT_MS = 30_000;

/**
 * Peers over this process's IPC channel (a `node:cluster` worker): sends jobs through `process.send`
 * and answers the jobs peers send it, with `web`.
 * @example
 * const peers = processPeers(web, workers - 1); // in each worker; the primary relays (see `relayBatchMessage`)
 * createServer(web, { peers });
 */
export function processPeers(web: SimWeb, size: number): BatchPeers {
  const pending = new Map<number, { resolve: (p: string[]) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  let next = 1;
  process.on("message", (m: BatchJobMessage | BatchDoneMessage) => {
    if (m?.type === "simweb:batch-job") {
      answerBatchParts(web, m.job).then(
        (parts) => process.send?.({ type: "simweb:batch-done", id: m.id, origin: m.origin, parts } satisfies BatchDoneMessage),
        (err: unknown) => process.send?.({ type: "simweb:batch-done", id: m.id, origin: m.origin, error: String(err) } satisfies BatchDoneMessage),
      );
    } else if (m?.type === "simweb:batch-done") {
      const p = pending.get(m.id);
      if (p === undefined) return;
      pending.delete(m.id);
      clearTimeout(p.timer);
      if (m.parts !== undefined) p.resolve(m.parts);
      else p.reject(new Error(m.error ?? "the peer gave no answer"));
    }
  });
  return {
    size: process.send === undefined ? 0 : size,
    run(job) {
      return new Promise((resolve, reject) => {
        const id = next++;
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`no peer answered within ${PEER_TIMEOUT_MS} ms`));
        }, PEER_TIMEOUT_MS);
        timer.unref();
        pending.set(id, { resolve, reject, timer });
        process.send?.({ type: "simweb:batch-job", id, job } satisfies BatchJobMessage);
      });
    },
  };
}

/** A worker as the primary sees it. */
export interface RelayWorker {
  id: number;
  send(m: BatchJobMessage | BatchDoneMessage): unknown;
  isDead(): boolean;
}

/**
 * The primary's relay: a job from `from` goes to the next live worker other than it (round robin),
 * an answer goes back to the worker that asked. Returns false for messages that are not batch messages.
 */
export function relayBatchMessage(m: unknown, from: RelayWorker, workers: readonly RelayWorker[], state: { next: number }): boolean {
  const msg = m as BatchJobMessage | BatchDoneMessage | null;
  if (msg?.type === "simweb:batch-job") {
    const others = workers.filter((w) => w !== from && !w.isDead());
    const to = others[state.next++ % Math.max(1, others.length)];
    if (to === undefined) from.send({ type: "simweb:batch-done", id: msg.id, error: "no other worker" });
    else to.send({ ...msg, origin: from.id });
    return true;
  }
  if (msg?.type === "simweb:batch-done") {
    const to = workers.find((w) => w.id === msg.origin);
    if (to !== undefined && !to.isDead()) to.send({ ...msg, origin: undefined });
    return true;
  }
  return false;
}
