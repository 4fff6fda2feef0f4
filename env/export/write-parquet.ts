/** @module Parquet writer through DuckDB `COPY ... (FORMAT parquet, KV_METADATA {...})`, nested columns typed. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { coerceHfArguments, HF_ARGUMENTS_TYPE, type ExportTable } from "./columns.ts";
import { ExportError } from "./errors.ts";
import { writeJsonl } from "./write-jsonl.ts";

const SCALAR: Record<string, string> = { string: "VARCHAR", int: "INTEGER", float: "DOUBLE", bool: "BOOLEAN" };

const sqlString = (s: string): string => `'${s.replaceAll("'", "''")}'`;

/** Nested values as DuckDB will read them: VARCHAR columns as JSON strings, hf arguments coerced to the union struct. */
function prepare(table: ExportTable): ExportTable {
  const nested = table.columns.filter((c) => c.type === "nested");
  const rows = table.rows.map((r) => {
    const out = { ...r };
    for (const c of nested) {
      const v = r[c.name];
      if (v === null || v === undefined) continue;
      if (c.parquetType === "VARCHAR") out[c.name] = JSON.stringify(v);
      else if (c.parquetType?.includes(HF_ARGUMENTS_TYPE) && Array.isArray(v)) {
        out[c.name] = v.map((m: Record<string, unknown>) =>
          Array.isArray(m.tool_calls)
            ? {
                ...m,
                tool_calls: m.tool_calls.map((tc: { function: { name: string; arguments: unknown } }) => ({
                  ...tc,
                  function: { name: tc.function.name, arguments: coerceHfArguments(tc.function.arguments) },
                })),
              }
            : m,
        );
      }
    }
    return out;
  });
  return { columns: table.columns, rows };
}

/**
 * Writes a Parquet file: rows are staged as JSONL, read by DuckDB's `read_json` with an explicit column
 * schema (nested messages become LIST(STRUCT) columns) and copied out with `KV_METADATA` holding `metadata`.
 */
export async function writeParquet(out: string, table: ExportTable, metadata: Record<string, string>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "simweb-export-"));
  const staged = join(dir, "rows.jsonl");
  let instance: DuckDBInstance | null = null;
  try {
    await writeJsonl(staged, prepare(table), {});
    instance = await DuckDBInstance.create(":memory:");
    const conn = await instance.connect();
    const cols = table.columns.map(
      (c) => `${sqlString(c.name)}: ${sqlString(c.type === "nested" ? (c.parquetType ?? "VARCHAR") : (SCALAR[c.type] as string))}`,
    );
    const kv = Object.entries(metadata)
      .map(([k, v]) => `${sqlString(k)}: ${sqlString(v)}`)
      .join(", ");
    const select = `SELECT * FROM read_json(${sqlString(staged)}, format = 'newline_delimited', columns = {${cols.join(", ")}})`;
    await conn.run(`COPY (${select}) TO ${sqlString(out)} (FORMAT parquet, COMPRESSION snappy${kv ? `, KV_METADATA {${kv}}` : ""})`);
    conn.closeSync();
  } catch (err) {
    throw new ExportError("WRITE_ERROR", `writing ${out} failed: ${(err as Error).message}`, { cause: err });
  } finally {
    instance?.closeSync();
    rmSync(dir, { recursive: true, force: true });
  }
}
