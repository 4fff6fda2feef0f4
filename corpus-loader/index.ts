/** @module Public surface of the corpus loader: readers, the load pipeline, the store, the generator. */
export type { LinkRecord, PageRecord, ReadEvent, SkipReason } from "./types.ts";
export { LoaderError, type LoaderErrorCode } from "./errors.ts";
export { CORPUS_DDL, REQUIRED_TABLES, SCHEMA_VERSION } from "./store/schema.ts";
export { openCorpus, readMeta, writeMeta, type CorpusHandle, type OpenCorpusOptions } from "./store/open-corpus.ts";
export { PageWriter, textDigest, hostOfUrl, type AddOutcome, type WriteCounts } from "./store/page-writer.ts";
export { writeTasks, readTasks } from "./store/task-writer.ts";
export { corpusInfo, type CorpusInfo } from "./store/corpus-info.ts";
export { holdCorpus, liveHolders, refuseIfServed } from "./store/corpus-holders.ts";
export {
  loadCorpus,
  INPUT_FORMATS,
  type InputFormat,
  type LoadOptions,
  type LoadProgress,
  type LoadSummary,
  type BadRecord,
  type SkippedFile,
} from "./load/load-corpus.ts";
export { loadTasks, readTaskFile, type TaskLoadSummary } from "./load/load-tasks.ts";
export { expandInputs, tasksOfInputs } from "./load/expand-inputs.ts";
export { readJsonl } from "./readers/jsonl.ts";
export { readParquet } from "./readers/parquet.ts";
export { rowToPage, syntheticUrl, SYNTHETIC_HOST } from "./readers/row-to-page.ts";
export { readWarc, type ReadWarcOptions } from "./readers/warc.ts";
export { readWet } from "./readers/wet.ts";
export { detectFormat, type DetectedFormat } from "./readers/detect-format.ts";
export { canonicalizeUrl, hostOf } from "./url/index.ts";
export { extractHtml, type ExtractedHtml } from "./html/index.ts";
export {
  readWarcRecords,
  parseHttpResponse,
  decodeBody,
  encodeWarcRecordGz,
  httpResponseBlock,
  type WarcRecord,
  type WarcReadEvent,
  type ByteRange,
} from "./warc/index.ts";
export { generateWorld, generatePassages, MAX_PASSAGES, MIN_PASSAGES, PASSAGE_FORMATS } from "./generator/index.ts";
export type { GeneratedPassages, GeneratePassagesOptions, PassageFormat } from "./generator/index.ts";
export { buildIndex } from "./index-build/index.ts";
