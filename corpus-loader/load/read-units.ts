/** @module Reads a load's units in order, in this thread or on worker threads (files and gzip ranges in parallel). */
import { Worker } from "node:worker_threads";
import { LoaderError, type LoaderErrorCode } from "../errors.ts";
import type { ReadEvent } from "../types.ts";
import { tsWorkerSource } from "../workers/ts-worker-source.ts";
import type { ReadUnit } from "./read-plan.ts";
import type { BatchAck, UnitBatch, UnitRequest } from "./read-worker.ts";
import { readerFor } from "./reader-for.ts";

/** What {@link readUnits} yields: events of a unit, then the unit's end (with the error that ended it early, if any). */
export type UnitItem = { kind: "events"; unit: ReadUnit; events: ReadEvent[] } | { kind: "end"; unit: ReadUnit; error?: unknown };

/** Options of {@link readUnits}. */
export interface ReadUnitsOptions {
  keepHtml: boolean;
  /** Worker threads; 0 reads in this thread. */
  workers: number;
}

const ENTRY = new URL("./read-worker.ts", import.meta.url).href;

/**
 * The events of every unit, units in order and each unit's events in file order, whatever the number
 * of workers (so page ids come out the same). With workers, each free worker takes the next unit and
 * may run ahead of the consumer by a bounded amount (`read-worker.ts`), so memory stays bounded. A
 * reader that throws ends its unit with the error (the load lists the file as skipped); a worker that
 * dies fails the load.
 */
export async function* readUnits(units: readonly ReadUnit[], o: ReadUnitsOptions): AsyncGenerator<UnitItem> {
  if (o.workers <= 0) yield* inThread(units, o.keepHtml);
  else yield* onWorkers(units, o);
}

async function* inThread(units: readonly ReadUnit[], keepHtml: boolean): AsyncGenerator<UnitItem> {
  for (const unit of units) {
    if (unit.error !== undefined) {
      yield { kind: "end", unit, error: unit.error };
      continue;
    }
    let gen: AsyncGenerator<ReadEvent>;
    try {
      gen = readerFor(unit.format, unit.file, { keepHtml, ...(unit.range === undefined ? {} : { range: unit.range }) });
    } catch (error) {
      yield { kind: "end", unit, error };
      continue;
    }
    let error: unknown;
    try {
      for (;;) {
        let r: IteratorResult<ReadEvent>;
        try {
          r = await gen.next();
        } catch (err) {
          error = err;
          break;
        }
        if (r.done === true) break;
        yield { kind: "events", unit, events: [r.value] };
      }
    } finally {
      await gen.return(undefined).catch(() => undefined);
    }
    yield error === undefined ? { kind: "end", unit } : { kind: "end", unit, error };
  }
}

interface UnitState {
  batches: UnitBatch[];
  worker: number;
}

async function* onWorkers(units: readonly ReadUnit[], o: ReadUnitsOptions): AsyncGenerator<UnitItem> {
  const src = tsWorkerSource(ENTRY);
  const states = new Map<number, UnitState>();
  let next = 0;
  let failure: Error | null = null;
  let signal: (() => void) | null = null;
  const notify = (): void => {
    const s = signal;
    signal = null;
    s?.();
  };
  const workers: Worker[] = [];
  const dispatch = (w: number): void => {
    while (next < units.length && (units[next] as ReadUnit).error !== undefined) next++;
    if (next >= units.length) return;
    const unit = units[next++] as ReadUnit;
    states.set(unit.id, { batches: [], worker: w });
    const req: UnitRequest = { type: "unit", unit, keepHtml: o.keepHtml };
    (workers[w] as Worker).postMessage(req);
  };
  const n = Math.max(1, Math.min(o.workers, units.length));
  for (let w = 0; w < n; w++) {
    const worker = new Worker(src, { eval: true });
    worker.on("message", (b: UnitBatch) => {
      states.get(b.id)?.batches.push(b);
      if (b.done) dispatch(w);
      notify();
    });
    const fail = (e: Error): void => {
      failure ??= new LoaderError("BAD_INPUT", `load worker ${w} failed: ${e.message}`, { cause: e });
      notify();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => {
      if (code !== 0) fail(new Error(`exited with code ${code}`));
    });
    workers.push(worker);
  }
  try {
    for (let w = 0; w < n; w++) dispatch(w);
    for (const unit of units) {
      if (unit.error !== undefined) {
        yield { kind: "end", unit, error: unit.error };
        continue;
      }
      for (;;) {
        if (failure !== null) throw failure;
        const st = states.get(unit.id);
        const b = st?.batches.shift();
        if (st === undefined || b === undefined) {
          await new Promise<void>((r) => (signal = r));
          continue;
        }
        if (b.events.length > 0) yield { kind: "events", unit, events: b.events };
        const ack: BatchAck = { type: "ack", bytes: b.bytes };
        (workers[st.worker] as Worker).postMessage(ack);
        if (b.done) {
          states.delete(unit.id);
          yield b.error === undefined ? { kind: "end", unit } : { kind: "end", unit, error: revive(b.error) };
          break;
        }
      }
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** The error a worker reported, as a LoaderError when it was one (its code kept). */
function revive(e: NonNullable<UnitBatch["error"]>): Error {
  if (e.name === "LoaderError" && e.code !== undefined) return new LoaderError(e.code as LoaderErrorCode, e.message);
  return Object.assign(new Error(e.message), e.code === undefined ? {} : { code: e.code });
}
