/** @module Entry point of an index-build worker thread: counts the terms of the page chunks it is sent. */
import { parentPort, workerData } from "node:worker_threads";
import { TermCounter } from "./term-counter.ts";

/** `workerData` of a tokenize worker. */
export interface TokenizeWorkerData {
  stem: boolean;
  titleBoost: number;
}

/** A chunk of pages (title and text of each, in doc id order). */
export interface TokenizeRequest {
  titles: string[];
  texts: string[];
}

const data = workerData as TokenizeWorkerData;
const counter = new TermCounter({ stem: data.stem });

// One counter for the worker's lifetime: its term ids stay valid across chunks, and each reply
// carries only the terms first seen in that chunk.
parentPort?.on("message", (req: TokenizeRequest) => {
  for (let i = 0; i < req.titles.length; i++) {
    counter.addField(req.titles[i] ?? "", data.titleBoost);
    counter.addField(req.texts[i] ?? "", 1);
    counter.endDoc();
  }
  const b = counter.takeBatch();
  parentPort?.postMessage(b, [b.pairTerm.buffer, b.pairTf.buffer, b.docPairEnd.buffer, b.docLen.buffer]);
});
