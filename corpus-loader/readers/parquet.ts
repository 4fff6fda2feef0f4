/** @module Streams Parquet corpora (FineWeb columns) through DuckDB's read_parquet. */
import { DuckDBInstance } from "@duckdb/node-api";
import { LoaderError } from "../errors.ts";
import type { ReadEvent } from "../types.ts";
import { rowToPage } from "./row-to-page.ts";

const WANTED = [
  "id",
  "_id",
  "docid",
  "doc_id",
  "url",
  "link",
  "uri",
  "title",
  "text",
  "body",
  "content",
  "contents",
  "date",
  "fetched_at",
  "timestamp",
  "language",
  "lang",
];

/**
 * Yields one event per row (offset = 0-based row number). Only the columns simweb uses are read.
 * A file DuckDB cannot open as Parquet throws (the load lists it as a skipped file); a read that fails
 * part-way yields the rows before it, then one `bad_row` skip with DuckDB's message.
 * @throws LoaderError BAD_INPUT naming the file when DuckDB cannot open it as Parquet.
 * @example
 * for await (const ev of readParquet("fineweb-000.parquet")) ...
 */
export async function* readParquet(path: string): AsyncGenerator<ReadEvent> {
  const instance = await DuckDBInstance.create(":memory:");
  const conn = await instance.connect();
  try {
    const lit = `'${path.replaceAll("'", "''")}'`;
    let cols: string[];
    try {
      const d = await conn.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${lit})`);
      cols = d.getRowObjectsJS().map((r) => String(r.column_name));
    } catch (err) {
      throw new LoaderError("BAD_INPUT", `unreadable Parquet file ${path}: ${(err as Error).message}`, { cause: err });
    }
    const use = cols.filter((c) => WANTED.includes(c));
    const select = use.map((c) => `"${c}"`).join(", ") || "*";
    let rowNo = 0;
    try {
      const res = await conn.stream(`SELECT ${select} FROM read_parquet(${lit})`);
      for await (const rows of res.yieldRowObjectJs()) {
        for (const row of rows) yield rowToPage(row as Record<string, unknown>, path, rowNo++);
      }
    } catch (err) {
      yield { kind: "skip", reason: "bad_row", file: path, offset: rowNo, message: `Parquet read failed: ${(err as Error).message}` };
    }
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
