/** @module Test helper: a small two-run trajectory log (scripted + random policy) over the fixture web, with hostile text in observations. */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { openCorpus } from "../../../corpus-loader/index.ts";
import type { EpisodeWeb } from "../../../env/episode/web.ts";
import { localDriver, randomPolicy, runRollouts, scriptedPolicy } from "../../../env/rollout/index.ts";
import { FIXTURE_TASKS, fixtureDeps } from "../../helpers/rollout-fixture.ts";

/** Markup that must reach the browser as text, never as elements. */
export const HOSTILE = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>`;

/** Task type and hops the fixture corpus gives task i. */
export const FIXTURE_TYPES = ["single_fact", "comparison", "multi_hop"] as const;

/** Paths of the generated files. */
export interface UiRun {
  log: string;
  corpus: string;
  groupSize: number;
}

/**
 * Writes `dir/corpus.duckdb` (the fixture tasks, with types and hops cycling) and `dir/runs/ui.duckdb` with
 * two runs: `scripted` and `random` (G = 3 over the 6 fixture tasks each). Every search result title
 * carries {@link HOSTILE}.
 */
export async function makeUiRun(dir: string): Promise<UiRun> {
  mkdirSync(join(dir, "runs"), { recursive: true });
  const corpus = join(dir, "corpus.duckdb");
  const h = await openCorpus(corpus, { create: true });
  for (const [i, t] of FIXTURE_TASKS.entries()) {
    await h.conn.run(
      `INSERT INTO tasks (id, question, answers, gold_urls, hops, split, source, type, rubric) VALUES ($1, $2, $3::VARCHAR[], $4::VARCHAR[], $5, $6, $7, $8, NULL)`,
      [t.id, t.question, JSON.stringify(t.answers), JSON.stringify(t.goldUrls), 1 + (i % 3), t.split, t.source, FIXTURE_TYPES[i % 3] as string],
    );
  }
  h.close();
  const base = fixtureDeps();
  const web: EpisodeWeb = {
    ...base.web,
    search: async (q, k) => {
      const r = await base.web.search(q, k);
      return { ...r, results: r.results.map((x) => ({ ...x, title: `${x.title} ${HOSTILE}` })) };
    },
  };
  const log = join(dir, "runs", "ui.duckdb");
  const groupSize = 3;
  for (const [runId, policy] of [
    ["scripted", scriptedPolicy()],
    ["random", randomPolicy()],
  ] as const) {
    await runRollouts({
      out: log,
      runId,
      tasks: FIXTURE_TASKS,
      driver: localDriver({ ...base, web }),
      policy,
      groupSize,
      concurrency: 2,
      maxSteps: 6,
      seed: 3,
      config: { corpus },
    });
  }
  return { log, corpus, groupSize };
}
