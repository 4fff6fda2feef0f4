/** @module Column descriptions shared by the writers: scalar types, and nested values with their Parquet type. */

/** A column of an export. `nested` values are objects/arrays: native in JSONL, JSON strings in Arrow, typed in Parquet. */
export interface ColumnSpec {
  name: string;
  type: "string" | "int" | "float" | "bool" | "nested";
  /** DuckDB type of a nested column in Parquet (VARCHAR means: stored as a JSON string). */
  parquetType?: string;
}

/** A table ready to write. */
export interface ExportTable {
  columns: ColumnSpec[];
  rows: Array<Record<string, unknown>>;
}

const TOOL_CALL = `STRUCT(id VARCHAR, "type" VARCHAR, "function" STRUCT(name VARCHAR, arguments ARGS))`;
const MESSAGE = `STRUCT(role VARCHAR, content VARCHAR, tool_calls ${TOOL_CALL}[], tool_call_id VARCHAR)`;

/** Parquet type of `arguments` in hf messages: the union of every tool's parameters (absent ones are null). */
export const HF_ARGUMENTS_TYPE =
  "STRUCT(query VARCHAR, k BIGINT, url VARCHAR, id BIGINT, loc BIGINT, num_lines BIGINT, pattern VARCHAR, answer VARCHAR, citations VARCHAR[])";

/** Parquet type of an openai-style message list (arguments as JSON strings). */
export const OPENAI_MESSAGES_TYPE = `${MESSAGE.replace("ARGS", "VARCHAR")}[]`;
/** Parquet type of an hf-style message list (arguments as a struct). */
export const HF_MESSAGES_TYPE = `${MESSAGE.replace("ARGS", HF_ARGUMENTS_TYPE)}[]`;

const HF_ARG_KINDS: Record<string, "string" | "int" | "strings"> = {
  query: "string",
  k: "int",
  url: "string",
  id: "int",
  loc: "int",
  num_lines: "int",
  pattern: "string",
  answer: "string",
  citations: "strings",
};

/**
 * Coerces tool arguments to `HF_ARGUMENTS_TYPE` for Parquet: known keys keep values of the declared type
 * (others become null), unknown keys are dropped (they only occur in invalid actions).
 */
export function coerceHfArguments(args: unknown): Record<string, unknown> {
  const a = args !== null && typeof args === "object" && !Array.isArray(args) ? (args as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const [k, kind] of Object.entries(HF_ARG_KINDS)) {
    const v = a[k];
    out[k] =
      kind === "string"
        ? typeof v === "string"
          ? v
          : null
        : kind === "int"
          ? Number.isSafeInteger(v)
            ? v
            : null
          : Array.isArray(v) && v.every((x) => typeof x === "string")
            ? v
            : null;
  }
  return out;
}
