/**
 * @module `tsx scripts/bench/search-budget.ts --db corpus.duckdb`: the search engine's rate in work-budget
 * units per millisecond over the corpus's task questions (and the same with frequent words added), and
 * the most any query spends, to set and check `DEFAULT_WORK_BUDGET` (the budget counts work so that a cut
 * query is cut the same way on every run; this rate turns it into a time bound on this machine).
 */
import { Deadline, DEFAULT_WORK_BUDGET, SearchEngine, topKMaxScore } from "../../env/search/index.ts";
import { SimWeb } from "../../env/simweb/index.ts";

const args = process.argv.slice(2);
const db = args[args.indexOf("--db") + 1] ?? "data/demo/corpus.duckdb";
const web = await SimWeb.open(db);
const engine = await SearchEngine.load(db);
const questions = web.tasks.list().map((t) => t.question);
const queries = [...questions, ...questions.map((q) => `${q} the of and city year`)];
let work = 0;
let ms = 0;
let most = 0;
for (const q of queries) {
  const plan = engine.plan(engine.parse(q));
  const d = new Deadline(Number.MAX_SAFE_INTEGER);
  const t0 = performance.now();
  topKMaxScore(engine.index, plan, 10, null, d);
  ms += performance.now() - t0;
  work += d.work;
  most = Math.max(most, d.work);
}
const rate = work / ms;
console.log("| corpus | queries | units/ms | most units in one query | default budget | default budget in ms at this rate |");
console.log("|---|---:|---:|---:|---:|---:|");
console.log(`| ${db} | ${queries.length} | ${rate.toFixed(0)} | ${most} | ${DEFAULT_WORK_BUDGET} | ${(DEFAULT_WORK_BUDGET / rate).toFixed(1)} |`);
web.close();
