/** @module Arrow IPC (file format) writer with apache-arrow; nested columns are JSON strings. */
import { writeFile } from "node:fs/promises";
import { Bool, Float64, Int32, RecordBatch, Schema, Table, Utf8, tableToIPC, vectorFromArray, type DataType, type Vector } from "apache-arrow";
import type { ExportTable } from "./columns.ts";

function typeOf(t: ExportTable["columns"][number]["type"]): DataType {
  return t === "int" ? new Int32() : t === "float" ? new Float64() : t === "bool" ? new Bool() : new Utf8();
}

/**
 * Writes an Arrow IPC file. Scalars keep their types (Utf8, Int32, Float64, Bool, nullable); nested
 * columns (`messages`, `prompt`, `completion`, `tools`, `urls`) are JSON strings, so any Arrow reader
 * can load the file without a nested schema. `metadata` goes into the schema's custom metadata.
 */
export async function writeArrow(out: string, table: ExportTable, metadata: Record<string, string>): Promise<void> {
  const vectors: Record<string, Vector> = {};
  for (const c of table.columns) {
    const values = table.rows.map((r) => {
      const v = r[c.name];
      if (v === null || v === undefined) return null;
      return c.type === "nested" ? JSON.stringify(v) : v;
    });
    vectors[c.name] = vectorFromArray(values, typeOf(c.type));
  }
  const t = new Table(vectors);
  const schema = new Schema(t.schema.fields, new Map(Object.entries(metadata)));
  const withMeta = new Table(
    schema,
    t.batches.map((b) => new RecordBatch(schema, b.data)),
  );
  await writeFile(out, tableToIPC(withMeta, "file"));
}
