/**
 * @module A `/retrieve` batch shared among the serving cores: the batch is cut into chunks of at most
 * {@link MAX_CHUNK} queries; this worker and its peers (two chunks in flight each) take the next chunk
 * as they finish one, so a core busy with other requests simply takes fewer, and no IPC message
 * carries more than one chunk's answers. The body is written in query order as chunks complete.
 */
import type { SimWeb } from "../simweb/index.ts";
import type { BatchPeers } from "./retrieve-options.ts";
import { answerBatchParts, type BatchJob } from "./retrieve-batch.ts";

/** Most queries in one chunk (a chunk's answer is one IPC message: ≤ 128 × topk × the document cap). */
export const MAX_CHUNK = 128;
/** Fewest queries in one chunk (below, the IPC round trip costs more than the work it moves). */
export const MIN_CHUNK = 16;
/** Chunks each peer works on at once (one answering, one on its way, so it never waits for the next). */
const IN_FLIGHT_PER_PEER = 2;

/** Queries per chunk for a batch of `n` shared by `shares` processes: about four chunks per process, within the bounds. */
export function chunkSize(n: number, shares: number): number {
  return Math.max(MIN_CHUNK, Math.min(MAX_CHUNK, Math.ceil(n / (4 * shares))));
}

/**
 * Answers `job` with the peers' help, calling `emit` with each query's result list in query order.
 * A chunk a peer fails to answer (error, timeout, wrong length) is answered here; after a failure that
 * peer lane takes no more chunks of this batch. Stops taking chunks once `stopped()` is true.
 * @example
 * await splitBatch(web, job, peers, (list) => sink.write(list), () => sink.closed);
 */
export async function splitBatch(
  web: SimWeb,
  job: BatchJob,
  peers: BatchPeers,
  emit: (list: string) => Promise<void> | undefined,
  stopped: () => boolean,
): Promise<void> {
  const n = job.queries.length;
  const size = chunkSize(n, peers.size + 1);
  const count = Math.ceil(n / size);
  const chunk = (c: number): BatchJob => ({
    ...job,
    queries: job.queries.slice(c * size, (c + 1) * size),
    ...(job.errors ? { errors: job.errors.slice(c * size, (c + 1) * size) } : {}),
  });
  const done: (string[] | null)[] = new Array<string[] | null>(count).fill(null);
  const retry: number[] = [];
  let next = 0;
  let flushed = 0;
  let lanesLeft = 0;
  let wake: (() => void) | null = null;
  const changed = (): void => {
    const w = wake;
    wake = null;
    w?.();
  };
  const take = (): number | undefined => (stopped() ? undefined : (retry.pop() ?? (next < count ? next++ : undefined)));

  const peerLane = async (): Promise<void> => {
    for (let c = take(); c !== undefined; c = take()) {
      const want = Math.min(size, n - c * size);
      const parts = await peers.run(chunk(c)).catch(() => null);
      if (parts === null || parts.length !== want) {
        retry.push(c);
        break;
      }
      done[c] = parts;
      changed();
    }
    lanesLeft--;
    changed();
  };
  const flush = async (): Promise<void> => {
    for (let parts = done[flushed]; flushed < count && parts !== null && parts !== undefined; parts = done[flushed]) {
      done[flushed++] = null;
      for (const p of parts) await emit(p);
    }
  };

  const lanes: Promise<void>[] = [];
  // this worker starts on the first chunk, so the body begins at once; the peers take the next ones
  const first = take();
  for (let i = 0; i < peers.size * IN_FLIGHT_PER_PEER; i++) {
    lanesLeft++;
    lanes.push(peerLane());
  }
  for (let c = first; ; c = take()) {
    if (c !== undefined) {
      done[c] = await answerBatchParts(web, chunk(c));
      await flush();
      continue;
    }
    if (stopped() || (lanesLeft === 0 && retry.length === 0)) break;
    // nothing to take: wait for a peer's chunk (or a failed one to retry), writing what completes meanwhile
    await new Promise<void>((resolve) => (wake = resolve));
    await flush();
  }
  await Promise.all(lanes);
  if (!stopped()) await flush();
}
