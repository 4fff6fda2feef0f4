/** @module Child process for the kill -9 test: runs fixture rollouts into a log, printing progress lines. */
import { setTimeout as sleep } from "node:timers/promises";
import { localDriver, runRollouts, scriptedPolicy, type PolicyFactory } from "../../../env/rollout/index.ts";
import { FIXTURE_TASKS, fixtureDeps } from "../../helpers/rollout-fixture.ts";

const [out, resume, delayMs] = process.argv.slice(2);
const base = scriptedPolicy();
// a real policy made slower, so the parent can kill the run part-way
const slow: PolicyFactory = {
  ...base,
  create: (a) => {
    const p = base.create(a);
    return { name: p.name, initialMessages: (q, o) => p.initialMessages(q, o), act: async (ctx) => (await sleep(Number(delayMs ?? 0)), p.act(ctx)) };
  },
};
await runRollouts({
  out: out as string,
  tasks: FIXTURE_TASKS,
  driver: localDriver(fixtureDeps()),
  policy: slow,
  groupSize: 8,
  concurrency: 2,
  maxSteps: 10,
  seed: 11,
  resume: resume === "resume",
  batchEpisodes: 2,
  batchMs: 20,
  onProgress: (p) => process.stdout.write(`done ${p.episodesDone}\n`),
});
process.stdout.write("finished\n");
