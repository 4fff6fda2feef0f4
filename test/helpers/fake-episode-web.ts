/** @module Test helper: a tiny deterministic web, task source, scorer and recording sink for episodes behind transports. */
import {
  Episode,
  type EpisodeDeps,
  type EpisodeReward,
  type EpisodeSink,
  type EpisodeState,
  type RewardScorer,
  type TaskSource,
} from "../../env/episode/index.ts";
import type { EpisodeWeb, OpenResult, SearchHit } from "../../env/episode/web.ts";
import type { Task } from "../../core/task.ts";
import type { Trajectory, TrajectoryStep } from "../../core/trajectory.ts";

interface FakePage {
  url: string;
  title: string;
  text: string;
  links: string[];
}

/** URL of the page whose size is set by `bigPageChars` (for backpressure tests). */
export const BIG_URL = "https://big.example/";

/** The fixed pages: two facts, a redirect, and a big page. */
function pages(bigPageChars: number): FakePage[] {
  const line = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor ".repeat(2);
  const bigLines = Math.max(1, Math.ceil(bigPageChars / line.length));
  return [
    {
      url: "https://alpha.example/",
      title: "Alpha Corp",
      text: "Alpha Corp was founded in 1987 by Jane Doe.\nIt makes widgets.\nIts museum partner is the Beta Museum.",
      links: ["https://beta.example/"],
    },
    {
      url: "https://beta.example/",
      title: "Beta Museum",
      text: "The Beta Museum is in Paris.\nIt opened in 1901.\nIt shows widgets made by Alpha Corp.",
      links: ["https://alpha.example/"],
    },
    { url: BIG_URL, title: "Big page", text: Array.from({ length: bigLines }, (_, i) => `${i} ${line}`).join("\n"), links: [] },
  ];
}

/** Tasks: `t-alpha` (answer 1987, split train) and `t-beta` (answer Paris, split test). */
export const FAKE_TASKS: readonly Task[] = [
  {
    id: "t-alpha",
    question: "In which year was Alpha Corp founded?",
    answers: ["1987"],
    goldUrls: ["https://alpha.example/"],
    hops: 1,
    split: "train",
    source: "test",
    type: "fact",
    rubric: null,
  },
  {
    id: "t-beta",
    question: "In which city is the Beta Museum?",
    answers: ["Paris"],
    goldUrls: ["https://beta.example/"],
    hops: 1,
    split: "test",
    source: "test",
    type: "fact",
    rubric: null,
  },
];

/** A deterministic `EpisodeWeb` over the fixed pages (term-overlap search). */
export function makeFakeWeb(bigPageChars = 4096): EpisodeWeb {
  const all = pages(bigPageChars);
  const byUrl = new Map(all.map((p) => [p.url, p]));
  return {
    search(query: string, k: number) {
      const terms = query
        .toLowerCase()
        .split(/\W+/)
        .filter((t) => t.length > 2);
      const scored = all
        .map((p) => {
          const hay = `${p.title}\n${p.text}`.toLowerCase();
          return { p, score: terms.filter((t) => hay.includes(t)).length };
        })
        .filter((x) => x.score > 0)
        .sort((a, b) => b.score - a.score || a.p.url.localeCompare(b.p.url));
      const results: SearchHit[] = scored.slice(0, k).map((x, i) => ({
        rank: i + 1,
        url: x.p.url,
        title: x.p.title,
        snippet: x.p.text.split("\n")[0] ?? "",
        score: x.score,
      }));
      return { total: scored.length, results };
    },
    open(url: string): OpenResult {
      if (url === "https://old.example/") return { kind: "redirect", location: "https://alpha.example/" };
      const p = byUrl.get(url);
      if (!p) return { kind: "not_found", url, text: `Error: 404 Not Found: ${url}` };
      const lines = p.text.split("\n");
      return {
        kind: "page",
        url: p.url,
        title: p.title,
        view(cursor, loc, numLines) {
          const last = Math.min(lines.length - 1, loc + (numLines ?? 1000) - 1);
          const body = lines.slice(loc, last + 1).map((l, i) => `L${loc + i}: ${l}`);
          const text = [`[${cursor}] ${p.title} (${p.url})`, `**viewing lines [${loc} - ${last}] of ${lines.length - 1}**`, "", ...body].join("\n");
          return { text, links: p.links, first: loc, last, totalLines: lines.length };
        },
        find(cursor, pattern) {
          const hits = lines.map((l, i) => [i, l] as const).filter(([, l]) => l.toLowerCase().includes(pattern.toLowerCase()));
          return [`[${cursor}] Find results for \`${pattern}\` in ${p.title}`, ...hits.map(([i, l]) => `L${i}: ${l}`)].join("\n");
        },
      };
    },
    pageText: (url) => byUrl.get(url)?.text ?? null,
  };
}

/** A `TaskSource` over `FAKE_TASKS`. */
export const fakeTasks: TaskSource = {
  get: (id) => FAKE_TASKS.find((t) => t.id === id) ?? null,
  list: (split) => FAKE_TASKS.filter((t) => split === undefined || t.split === split),
};

/** Exact-match reward (case-insensitive): 1 or 0. */
export const exactMatchScorer: RewardScorer = {
  async score(task: Task, traj: Trajectory) {
    const a = (traj.finalAnswer ?? "").trim().toLowerCase();
    const correct = task.answers.some((x) => x.toLowerCase() === a) ? 1 : 0;
    return { reward: correct, components: { correct } };
  },
};

/** A sink that records steps and ended episodes. */
export class RecordingSink implements EpisodeSink {
  readonly steps: { episodeId: string; step: TrajectoryStep }[] = [];
  readonly ends: { state: EpisodeState; trajectory: Trajectory; reward: EpisodeReward }[] = [];
  onStep(state: EpisodeState, step: TrajectoryStep): void {
    this.steps.push({ episodeId: state.episodeId, step });
  }
  onEnd(state: EpisodeState, trajectory: Trajectory, reward: EpisodeReward): void {
    this.ends.push({ state, trajectory, reward });
  }
}

/** Episode deps over the fake web; `sink` records what episodes log. */
export function makeFakeDeps(opts: { bigPageChars?: number; sink?: EpisodeSink } = {}): EpisodeDeps {
  return { web: makeFakeWeb(opts.bigPageChars), tasks: fakeTasks, scorer: () => exactMatchScorer, sink: opts.sink };
}

/**
 * An episode factory for transports, with the sink it logs to.
 * @example
 * const { createEpisode, sink } = makeEpisodeFactory();
 */
export function makeEpisodeFactory(opts: { bigPageChars?: number } = {}): { createEpisode: (id: string) => Episode; sink: RecordingSink; created: string[] } {
  const sink = new RecordingSink();
  const deps = makeFakeDeps({ ...opts, sink });
  const created: string[] = [];
  return {
    sink,
    created,
    createEpisode: (id) => {
      created.push(id);
      return new Episode(deps, id);
    },
  };
}
