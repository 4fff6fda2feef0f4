/**
 * @module Baseline server for the HTTP benchmark: the same routes (`GET /search`, `GET /page`,
 * `POST /retrieve`) answered by DuckDB SQL — a point lookup by URL (ART index) for pages and a BM25
 * SQL macro over a postings table for search. Tokenisation is DuckDB's (lowercase, split on
 * non-alphanumerics): the baseline measures the serving architecture, not ranking quality.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { createSqlBm25 } from "./sql-bm25.ts";

/** A running baseline server. */
export interface Baseline {
  url: string;
  server: Server;
  buildSeconds: number;
  close(): Promise<void>;
}

const terms = (q: string): string[] =>
  [
    ...new Set(
      q
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter((t) => t !== ""),
    ),
  ].slice(0, 32);
const sqlList = (ts: string[]): string => `[${ts.map((t) => `'${t.replace(/'/g, "''")}'`).join(", ")}]`;

/** Copies pages into an in-memory DuckDB, builds the URL index and BM25 tables, and serves them. */
export async function startBaseline(dbPath: string, port = 0, connections = 4, opts: { bm25?: boolean } = {}): Promise<Baseline> {
  const t0 = performance.now();
  const inst = await DuckDBInstance.create(":memory:");
  const setup = await inst.connect();
  await setup.run(`ATTACH '${dbPath.replace(/'/g, "''")}' AS corpus (READ_ONLY)`);
  await setup.run(`CREATE TABLE pages AS SELECT id, url, title, text FROM corpus.pages`);
  await setup.run(`CREATE UNIQUE INDEX pages_url ON pages(url)`);
  // without BM25 tables (page route only) search and retrieve answer a SQL error
  if (opts.bm25 !== false) {
    await setup.run(`CREATE TABLE bm_postings AS
      SELECT term, id AS doc, count(*)::INTEGER AS tf
      FROM (SELECT id, unnest(regexp_split_to_array(lower(title || ' ' || text), '[^a-z0-9]+')) AS term FROM pages)
      WHERE term <> '' GROUP BY term, id`);
    await setup.run(`CREATE TABLE bm_docs AS SELECT doc, sum(tf)::DOUBLE AS len FROM bm_postings GROUP BY doc`);
    await createSqlBm25(setup);
  }
  await setup.run(`DETACH corpus`);
  const buildSeconds = (performance.now() - t0) / 1000;
  const pool: DuckDBConnection[] = [];
  for (let i = 0; i < connections; i++) pool.push(await inst.connect());
  let next = 0;
  const conn = (): DuckDBConnection => pool[next++ % pool.length] as DuckDBConnection;

  const search = async (q: string, k: number): Promise<{ rank: number; url: string; title: string; text: string; score: number; id: number }[]> => {
    const ts = terms(q);
    if (ts.length === 0) return [];
    const r = await conn().runAndReadAll(
      `SELECT b.doc AS id, b.score, p.url, p.title, p.text FROM bm25_search(${sqlList(ts)}, ${k}) b JOIN pages p ON p.id = b.doc ORDER BY b.score DESC, b.doc`,
    );
    return r
      .getRowObjectsJS()
      .map((o, i) => ({ rank: i + 1, id: Number(o.id), url: String(o.url), title: String(o.title), text: String(o.text), score: Number(o.score) }));
  };

  const server = createServer((req, res) => {
    const send = (status: number, type: string, body: string): void => {
      res.writeHead(status, { "Content-Type": type, "Content-Length": Buffer.byteLength(body) });
      res.end(body);
    };
    const u = new URL(req.url ?? "/", "http://x");
    const run = async (): Promise<void> => {
      if (u.pathname === "/search") {
        const hits = await search(u.searchParams.get("q") ?? "", Number(u.searchParams.get("k") ?? 10));
        return send(
          200,
          "application/json",
          JSON.stringify({
            query: u.searchParams.get("q"),
            total: hits.length,
            results: hits.map((h) => ({ rank: h.rank, url: h.url, title: h.title, snippet: h.text.slice(0, 200), score: h.score })),
          }),
        );
      }
      if (u.pathname === "/page") {
        const r = await conn().runAndReadAll(`SELECT title, text FROM pages WHERE url = $1`, [u.searchParams.get("url") ?? ""]);
        const row = r.getRowObjectsJS()[0];
        return row ? send(200, "text/plain; charset=utf-8", `${String(row.title)}\n\n${String(row.text)}`) : send(404, "text/plain", "404 Not Found");
      }
      if (u.pathname === "/retrieve") {
        const chunks: Buffer[] = [];
        for await (const c of req as AsyncIterable<Buffer>) chunks.push(c);
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { queries: string[]; topk?: number };
        const all = await Promise.all(body.queries.map((q) => search(q, body.topk ?? 3)));
        return send(
          200,
          "application/json",
          JSON.stringify({
            result: all.map((hits) => hits.map((h) => ({ document: { id: String(h.id), contents: `"${h.title}"\n${h.text}` }, score: h.score }))),
          }),
        );
      }
      send(404, "application/json", '{"error":{"code":"NOT_FOUND","message":"no route"}}');
    };
    run().catch((err: Error) => send(500, "application/json", JSON.stringify({ error: { code: "INTERNAL_ERROR", message: err.message } })));
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const a = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${a.port}`,
    server,
    buildSeconds,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const c of pool) c.closeSync();
      setup.closeSync();
    },
  };
}
