/**
 * @module Test child: a process that holds a trajectory log open for writing (the real TrajectoryLog, live
 * snapshots on) and finishes one episode every `paceMs`, like a long rollout. Prints `{"msg":"ready"}`, then
 * `{"msg":"ended","n":k,"at":ms}` per episode; closes the log on SIGTERM (or after `count` episodes with `exit`).
 * Usage: live-writer-child.ts <log> <count> <paceMs> <intervalMs> [exit]
 */
import type { EpisodeState } from "../../../env/episode/index.ts";
import { TrajectoryLog } from "../../../env/trajectory/index.ts";
import type { Trajectory } from "../../../core/index.ts";

const [path = "", count = "100", pace = "100", interval = "500", exit] = process.argv.slice(2);
const intervalMs = Number(interval);
const log = await TrajectoryLog.open(path, {
  runId: "live",
  config: {},
  seed: 1,
  policy: "scripted",
  groupSize: 4,
  batchMs: 50,
  live: intervalMs > 0 ? { intervalMs } : false,
});
let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  void log.close().then(() => {
    process.stdout.write(`${JSON.stringify({ msg: "closed", snapshots: log.snapshot?.stats() ?? null })}\n`);
    process.exit(0);
  });
};
process.on("SIGTERM", stop);
process.stdout.write(`${JSON.stringify({ msg: "ready", pid: process.pid })}\n`);

for (let i = 0; i < Number(count) && !stopping; i++) {
  const id = `t-${String(Math.floor(i / 4)).padStart(3, "0")}#${i % 4}`;
  const state: EpisodeState = {
    episodeId: id,
    seed: i,
    taskId: id.slice(0, 5),
    question: `question ${i}?`,
    stepCount: 1,
    done: true,
    simSeconds: 0.2,
    obsTokens: 0,
    currentUrl: null,
    searchQueries: [],
    openedUrls: [],
    endReason: "answer",
  };
  log.begin({
    episodeId: id,
    taskId: id.slice(0, 5),
    groupId: id.slice(0, 5),
    sampleIdx: i % 4,
    policy: "scripted",
    seed: i,
    split: "train",
    question: `question ${i}?`,
    promptMessages: [],
  });
  log.onStep(state, {
    index: 0,
    action: { name: "answer", arguments: { answer: String(i) } },
    rawText: null,
    valid: true,
    error: null,
    observation: "ok",
    urls: [],
    simSeconds: 0.2,
    fault: null,
  } as never);
  if (i % 5 === 4) log.fail(id, "HTTP_ERROR: model endpoint down");
  const traj = {
    taskId: id.slice(0, 5),
    steps: [],
    searchQueries: [],
    openedUrls: [],
    finalAnswer: String(i),
    answerCount: 1,
    citations: [],
    simSeconds: 0.2,
  } as unknown as Trajectory;
  await log.onEnd(state, traj, { reward: i % 2, components: { correct: i % 2 }, details: {}, errors: {} });
  process.stdout.write(`${JSON.stringify({ msg: "ended", n: i + 1, at: Date.now() })}\n`);
  await new Promise((r) => setTimeout(r, Number(pace)));
}
if (exit === "exit") stop();
else setInterval(() => undefined, 1 << 30); // hold the log until SIGTERM
