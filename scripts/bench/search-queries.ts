/** @module The seeded query set of `bench:search` (also used by profiling scripts): task questions and title/text spans. */
import { DuckDBInstance } from "@duckdb/node-api";
import { stream } from "../../core/index.ts";
import type { SearchEngine } from "../../env/search/index.ts";

/** `n` queries drawn with `seed`: half task questions (≤ 8 words), half 1–8-word spans of page titles or texts. */
export function drawQueries(engine: SearchEngine, n: number, seed: number, questions: readonly string[]): string[] {
  const rng = stream(seed, "bench", "search", "queries");
  const out: string[] = [];
  const span = engine.index.docSpan;
  while (out.length < n) {
    if (questions.length > 0 && rng.chance(0.5)) {
      // a task question, cut to at most 8 words
      const words = rng
        .pick(questions)
        .replace(/[?."]/g, "")
        .split(/\s+/)
        .filter((w) => w.length > 0);
      out.push(words.slice(0, 8).join(" "));
      continue;
    }
    const doc = rng.int(span);
    const source = rng.chance(0.5) ? engine.pages.title(doc) : engine.pages.text(doc);
    const words = source
      .replace(/[."]/g, "")
      .split(/\s+/)
      .filter((w) => w.length > 0);
    if (words.length === 0) continue;
    const len = Math.min(words.length, 1 + rng.int(8));
    const at = rng.int(words.length - len + 1);
    out.push(words.slice(at, at + len).join(" "));
  }
  return out;
}

/** Task questions of the corpus (none for the synthetic corpus). */
export async function taskQuestions(path: string): Promise<string[]> {
  const inst = await DuckDBInstance.create(path, { access_mode: "READ_ONLY" });
  const conn = await inst.connect();
  try {
    const has = await conn.runAndReadAll(`SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'tasks'`);
    if (Number(has.getRowObjectsJS()[0]?.n) === 0) return [];
    return (await conn.runAndReadAll(`SELECT question FROM tasks ORDER BY id`)).getRowObjectsJS().map((r) => String(r.question));
  } finally {
    conn.closeSync();
    inst.closeSync();
  }
}
