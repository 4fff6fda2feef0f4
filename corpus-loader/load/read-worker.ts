/** @module Entry point of a load worker thread: reads the units it is sent and posts their events in batches. */
import { parentPort } from "node:worker_threads";
import type { ReadEvent } from "../types.ts";
import type { ReadUnit } from "./read-plan.ts";
import { readerFor } from "./reader-for.ts";

/** A unit to read (main → worker). */
export interface UnitRequest {
  type: "unit";
  unit: ReadUnit;
  keepHtml: boolean;
}

/** Main has consumed one of the worker's batches of `bytes` (main → worker). */
export interface BatchAck {
  type: "ack";
  bytes: number;
}

/** Events of a unit (worker → main); `done` on its last batch, with `error` when the reader gave up. */
export interface UnitBatch {
  id: number;
  events: ReadEvent[];
  bytes: number;
  done: boolean;
  error?: { name: string; code?: string; message: string };
}

/** Events per batch, and bytes (string lengths) per batch. */
const BATCH_EVENTS = 256;
const BATCH_BYTES = 4 << 20;
/** Batches posted and not yet consumed, in string characters: the worker waits beyond this (main reads in unit order). */
const MAX_AHEAD_BYTES = 64 << 20;

let ahead = 0;
let wake: (() => void) | null = null;
const queue: UnitRequest[] = [];
let running = false;

parentPort?.on("message", (m: UnitRequest | BatchAck) => {
  if (m.type === "ack") {
    ahead -= m.bytes;
    const w = wake;
    wake = null;
    w?.();
    return;
  }
  queue.push(m);
  if (!running) void run();
});

async function run(): Promise<void> {
  running = true;
  for (let req = queue.shift(); req !== undefined; req = queue.shift()) await readUnit(req);
  running = false;
}

function sizeOf(ev: ReadEvent): number {
  if (ev.kind === "skip") return 64 + ev.message.length;
  const p = ev.page;
  return 256 + p.url.length + p.text.length + (p.html?.length ?? 0) + p.links.reduce((s, l) => s + l.url.length + l.anchor.length + 32, 0);
}

async function post(b: UnitBatch): Promise<void> {
  ahead += b.bytes;
  parentPort?.postMessage(b);
  while (ahead > MAX_AHEAD_BYTES) await new Promise<void>((r) => (wake = r));
}

async function readUnit(req: UnitRequest): Promise<void> {
  const { unit } = req;
  let events: ReadEvent[] = [];
  let bytes = 0;
  let error: UnitBatch["error"];
  try {
    const range = unit.range === undefined ? {} : { range: unit.range };
    for await (const ev of readerFor(unit.format, unit.file, { keepHtml: req.keepHtml, ...range })) {
      events.push(ev);
      bytes += sizeOf(ev);
      if (events.length >= BATCH_EVENTS || bytes >= BATCH_BYTES) {
        await post({ id: unit.id, events, bytes, done: false });
        events = [];
        bytes = 0;
      }
    }
  } catch (err) {
    const e = err as { name?: string; code?: string; message?: string };
    error = { name: e?.name ?? "Error", message: e?.message ?? String(err), ...(typeof e?.code === "string" ? { code: e.code } : {}) };
  }
  await post({ id: unit.id, events, bytes, done: true, ...(error === undefined ? {} : { error }) });
}
