/** @module Entry point of a passage-generator worker process: argv[2] is the JSON of GeneratePassagesOptions with `shard`. */
import { generatePassages } from "./generate-passages.ts";

await generatePassages(JSON.parse(process.argv[2] ?? "{}"));
