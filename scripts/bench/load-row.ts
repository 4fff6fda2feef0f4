/**
 * @module One row of `bench:load`, run in its own process so its peak RSS is its own: iterate the
 * files with warcio.js (the peer) or simweb's record reader, or load them with `simweb load`.
 * The `stage-*` kinds stop the one-thread pipeline after a stage (records; + HTTP parse; + charset decode;
 * + HTML extraction), so the differences between rows say where the time goes.
 * Usage: tsx scripts/bench/load-row.ts <warcio|simweb-records|stage-http|stage-decode|stage-pages|load> <db> <workers> <files...>; prints one JSON line.
 */
import { createReadStream, rmSync, statSync } from "node:fs";
import { decodeBody, loadCorpus, parseHttpResponse, readWarc, readWarcRecords } from "../../corpus-loader/index.ts";

const [kind = "", db = "", workersArg = "0", ...files] = process.argv.slice(2);
const bytes = files.reduce((s, f) => s + statSync(f).size, 0);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
let records = 0;
let pages = 0;

if (kind === "warcio") {
  // the peer's own iteration: every record parsed and its whole content read (as a reader must)
  const { WARCParser } = await import("warcio");
  for (const f of files) {
    for await (const record of new WARCParser(createReadStream(f))) {
      await record.readFully(false);
      records++;
      if (record.warcType === "response") pages++;
    }
  }
} else if (kind === "simweb-records") {
  for (const f of files) {
    for await (const ev of readWarcRecords(f)) {
      if (ev.kind !== "record") continue;
      records++;
      if (ev.record.type === "response") pages++;
    }
  }
} else if (kind === "stage-http" || kind === "stage-decode") {
  for (const f of files) {
    for await (const ev of readWarcRecords(f)) {
      if (ev.kind !== "record") continue;
      records++;
      if (ev.record.type !== "response") continue;
      const r = parseHttpResponse(ev.record.block);
      if (!r.ok) continue;
      pages++;
      if (kind === "stage-decode") decodeBody(r.response.body, r.response.charset, true);
    }
  }
} else if (kind === "stage-pages") {
  for (const f of files) {
    for await (const ev of readWarc(f, { keepHtml: true })) {
      records++;
      if (ev.kind === "page") pages++;
    }
  }
} else if (kind === "load") {
  for (const p of [db, `${db}.wal`]) rmSync(p, { force: true });
  const s = await loadCorpus(db, files, { workers: Number(workersArg) });
  records = s.records;
  pages = s.pagesAdded;
} else {
  throw new Error(`unknown row kind ${kind}`);
}

const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const row = { kind, records, pages, bytes, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, peakRssMb: process.resourceUsage().maxRSS / 1024 };
process.stdout.write(JSON.stringify(row) + "\n");
