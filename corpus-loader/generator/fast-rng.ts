/** @module The generator's fast sub-generator for hot loops (see `fastStream` in seeded-stream.ts). */
export { fastStream as fastRng } from "../../core/index.ts";
