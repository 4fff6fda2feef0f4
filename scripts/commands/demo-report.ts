/** @module The demo's closing report: reward distribution, success by task type, steps, throughput, files. */
import type { LoggedEpisode } from "../../env/trajectory/index.ts";
import type { Task } from "../../core/index.ts";
import type { Rubric } from "../../verifiers/index.ts";

const solvedBy = (e: LoggedEpisode): boolean => (e.components.correct ?? e.components.exact_match ?? 0) >= 1;
const sign = (x: number): string => (x < 0 ? `−${Math.abs(x).toFixed(3)}` : `+${x.toFixed(3)}`);

/**
 * How the mean reward is made: the rubric's range, then one line per weighted component with its
 * weight, its mean score over the run and its share of the mean reward (weight × mean).
 */
export function rewardBreakdown(episodes: readonly LoggedEpisode[], rubric: Rubric): string[] {
  const n = Math.max(1, episodes.length);
  const range = rubric.rewardRange();
  const lines = [
    `            = Σ weight × component (the default rubric${range === null ? "" : `; any episode scores in [${range[0].toFixed(2)}, ${range[1].toFixed(2)}]`}):`,
  ];
  for (const e of rubric.entries) {
    if (e.weight === 0) continue;
    const mean = episodes.reduce((a, x) => a + (x.components[e.name] ?? 0), 0) / n;
    lines.push(
      `  ${e.name.padEnd(18)} × ${e.weight.toFixed(2).padStart(5)}   mean ${mean.toFixed(3).padStart(6)}   ${sign(e.weight * mean)}   ${e.definition.description}`,
    );
  }
  return lines;
}

/** Text report of a finished demo run. */
export function demoReport(episodes: readonly LoggedEpisode[], tasks: ReadonlyMap<string, Task>, seconds: number, rubric: Rubric): string {
  const lines: string[] = [];
  const n = episodes.length;
  const rewards = episodes.map((e) => e.reward);
  const mean = rewards.reduce((a, b) => a + b, 0) / Math.max(1, n);
  lines.push(`episodes    ${n} (${(n / seconds).toFixed(1)} episodes/s over WebSocket)`);
  const solved = episodes.filter(solvedBy).length;
  lines.push(`solved      ${solved}/${n} episodes answered correctly (${((100 * solved) / Math.max(1, n)).toFixed(1)}%)`);
  lines.push(`reward      mean ${mean.toFixed(3)}, from ${Math.min(...rewards).toFixed(2)} to ${Math.max(...rewards).toFixed(2)}`);
  lines.push(...rewardBreakdown(episodes, rubric));
  lines.push("reward histogram:");
  // histogram of rewards in 6 bins over [min, max]
  const lo = Math.min(...rewards, 0);
  const hi = Math.max(...rewards, 1);
  const bins = 6;
  const counts = new Array<number>(bins).fill(0);
  for (const r of rewards) counts[Math.min(bins - 1, Math.floor(((r - lo) / (hi - lo || 1)) * bins))]!++;
  const top = Math.max(...counts, 1);
  counts.forEach((c, i) => {
    const a = lo + ((hi - lo) * i) / bins;
    const b = lo + ((hi - lo) * (i + 1)) / bins;
    lines.push(`  [${a.toFixed(2).padStart(5)}, ${b.toFixed(2).padStart(5)}) ${"█".repeat(Math.round((c / top) * 40)).padEnd(40)} ${c}`);
  });
  const byType = new Map<string, { n: number; solved: number; steps: number }>();
  for (const e of episodes) {
    const type = tasks.get(e.taskId)?.type ?? "?";
    const s = byType.get(type) ?? { n: 0, solved: 0, steps: 0 };
    s.n++;
    s.steps += e.steps.length;
    if (solvedBy(e)) s.solved++;
    byType.set(type, s);
  }
  lines.push("success by task type (correct ≥ 1):");
  for (const [type, s] of [...byType].sort()) {
    lines.push(
      `  ${type.padEnd(12)} ${String(s.solved).padStart(4)}/${String(s.n).padEnd(4)} ${((100 * s.solved) / s.n).toFixed(1).padStart(5)}%  ${(s.steps / s.n).toFixed(1)} steps/episode`,
    );
  }
  const steps = episodes.reduce((a, e) => a + e.steps.length, 0);
  const sim = episodes.reduce((a, e) => a + e.simSeconds, 0);
  lines.push(`steps       ${steps} (${(steps / seconds).toFixed(0)} steps/s), simulated web time ${sim.toFixed(1)} s`);
  return lines.join("\n") + "\n";
}
