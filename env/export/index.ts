/** @module Public surface of the offline exporters (trajectory log → Parquet / Arrow IPC / JSONL). */
export { exportRun, EXPORT_FORMATS, type ExportFormat, type ExportOptions, type ExportSummary } from "./export-run.ts";
export { EXPORT_STYLES, buildTable, conversationOf, hfMessage, type ExportStyle } from "./rows.ts";
export { buildPairsTable, pairsOf, type Pair, type PairOptions, type PairTaskInfo } from "./pairs.ts";
export { advantagesOf, selectEpisodes, correctnessComponent, CORRECTNESS_COMPONENTS, type AdvantageSpec, type ExportFilters } from "./select.ts";
export { HF_ARGUMENTS_TYPE, HF_MESSAGES_TYPE, OPENAI_MESSAGES_TYPE, coerceHfArguments, type ColumnSpec, type ExportTable } from "./columns.ts";
export { sidecarPath, writeJsonl } from "./write-jsonl.ts";
export { writeParquet } from "./write-parquet.ts";
export { ExportError, type ExportErrorCode } from "./errors.ts";
