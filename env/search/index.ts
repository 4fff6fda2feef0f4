/** @module Public surface of the search engine (and the pieces the index build shares). */
export type { SearchBackend, SearchOptions, SearchResponse, SearchResult, SearchStats } from "./backend.ts";
export { PostingsCursor } from "./postings-cursor.ts";
export { TermCursor } from "./term-cursor.ts";
export { topKMaxScore, type DocVerifier, type TopKResult } from "./block-max-maxscore.ts";
export { SearchError, type SearchErrorCode } from "./errors.ts";
export { exhaustiveTopK, type ExhaustiveResult } from "./exhaustive.ts";
export {
  BLOB_PART_BYTES,
  BLOCK_SIZE,
  END_DOC,
  INDEX_VERSION,
  NO_HOST,
  SEGMENT_BYTES,
  blockCount,
  indexBytes,
  postingCount,
  type IndexParams,
  type SearchIndex,
} from "./index-format.ts";
export { loadIndex } from "./index-loader.ts";
export {
  ALL_FIELDS,
  BODY_FIELD,
  DEFAULT_FIELDS,
  FIELD_NAMES,
  FieldSpecError,
  checkFields,
  fieldsInOrder,
  formatFieldSpec,
  parseFieldSpec,
  type FieldName,
  type FieldSpec,
  type IndexField,
} from "./index-fields.ts";
export { LruCache } from "./lru-cache.ts";
export { hasPhrases } from "./phrase.ts";
export { porterStem } from "./porter-stemmer.ts";
export { hostMask, planQuery, type QueryPlan } from "./query-plan.ts";
export { MAX_QUERY_CHARS, MAX_QUERY_TERMS, parseQuery, type ParsedQuery, type Phrase } from "./query-parser.ts";
export { MAX_K, MAX_OFFSET, SearchEngine, type LoadOptions } from "./search-engine.ts";
export { DEFAULT_WORK_BUDGET, Deadline } from "./deadline.ts";
export { PASSAGE_MAX_CHARS, PASSAGE_WORDS, bestPassage } from "./passage.ts";
export { SNIPPET_MAX_CHARS, SNIPPET_SCAN_CHARS, makeSnippet } from "./snippet.ts";
export { STOPWORDS } from "./stopwords.ts";
export { MemoryTextSource, type TextSource } from "./text-source.ts";
export { MAX_TOKEN_LENGTH, foldText, forEachToken, scanWords, tokenize, wordTerms, type TokenizerOptions } from "./tokenizer.ts";
export { TopKHeap, compareHits, type Hit } from "./top-k-heap.ts";
export { FLOOR_K, kthImpact, scoreFloor } from "./score-floor.ts";
export { scanTokenWords, wordTokens } from "./tokenizer.ts";
