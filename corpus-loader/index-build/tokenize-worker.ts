/** @module Entry point of an index-build worker thread: counts the terms of the page chunks it is sent. */
import { parentPort, workerData } from "node:worker_threads";
import { TermCounter } from "./term-counter.ts";

/** `workerData` of a tokenize worker. */
export interface TokenizeWorkerData {
  stem: boolean;
}

/** A chunk of pages: `fields[f][i]` is field f (in `FIELD_NAMES` order) of the chunk's page i (doc id order). */
export interface TokenizeRequest {
  fields: string[][];
}

const data = workerData as TokenizeWorkerData;
const counter = new TermCounter({ stem: data.stem });

// One counter for the worker's lifetime: its term ids stay valid across chunks, and each reply
// carries only the terms first seen in that chunk.
parentPort?.on("message", (req: TokenizeRequest) => {
  const n = req.fields[0]?.length ?? 0;
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < req.fields.length; f++) counter.addField(req.fields[f]?.[i] ?? "", f);
    counter.endDoc();
  }
  const b = counter.takeBatch();
  parentPort?.postMessage(b, [b.pairTerm.buffer, b.pairTf.buffer, b.pairSmall.buffer, b.docPairEnd.buffer, b.docFieldLen.buffer]);
});
