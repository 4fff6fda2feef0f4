/** @module Public surface of the composition root. */
export { SimWeb, type SimWebOptions } from "./simweb.ts";
export { CorpusEpisodeWeb } from "./episode-web.ts";
export { MemoryTaskSource } from "./task-source.ts";
export { corpusDigest } from "./corpus-digest.ts";
export { SimWebError, type SimWebErrorCode } from "./errors.ts";
