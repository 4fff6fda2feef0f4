/** @module How `/retrieve` answers (unit, faults, peer workers, size bound), and the port of the peer workers. */
import type { BatchJob, RetrieveUnit } from "./retrieve-batch.ts";

/** Other processes that answer slices of a batch. */
export interface BatchPeers {
  /** Peers besides this process (0: answer alone). */
  readonly size: number;
  /** Has a peer answer `job`: one JSON result list per query, in order. Rejects when no peer answered in time. */
  run(job: BatchJob): Promise<string[]>;
}

/** How `/retrieve` answers, as `serve` configures it. */
export interface RetrieveOptions {
  /** `passage` (default): each document is the page's best-matching ~100-word passage; `page`: the page text (cut to the size cap). */
  unit?: RetrieveUnit;
  /**
   * `in-band` (default): a faulted query comes back as one document whose contents say what failed
   * (`[search error 503: service unavailable]`), status 200; `http`: the whole batch fails with the fault's status.
   */
  faults?: "in-band" | "http";
  /** Workers that answer slices of large batches. */
  peers?: BatchPeers;
  /** Largest response by the size bound (default 64 MiB). */
  maxResponseBytes?: number;
  /** Largest request body of the batch routes (default 8 MiB). */
  maxBodyBytes?: number;
}
