/** @module Public surface of the passage-corpus generator (wiki-18-shaped Search-R1 JSONL with tasks). */
export { generatePassages, passageFileName } from "./generate-passages.ts";
export { MAX_PASSAGES, MIN_PASSAGES, PASSAGE_FORMATS, PASSAGES_VERSION } from "./passage-options.ts";
export type { GeneratedPassages, GeneratePassagesOptions, PassageFormat } from "./passage-options.ts";
