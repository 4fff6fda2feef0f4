/** @module Public surface of the world generator (the embedded default corpus). */
export { generateWorld } from "./generate-world.ts";
export { GENERATOR_VERSION, MAX_PAGES, MIN_PAGES } from "./world-options.ts";
export type { GeneratedWorld, GenerateWorldOptions } from "./world-options.ts";
export type { GeneratedTask } from "./tasks.ts";
export { generatePassages, MAX_PASSAGES, MIN_PASSAGES, PASSAGE_FORMATS } from "./passages/index.ts";
export type { GeneratedPassages, GeneratePassagesOptions, PassageFormat } from "./passages/index.ts";
