/** @module Test helper: a small deterministic web (EpisodeWeb), task source and exact-match scorer for rollout tests. */
import type { EpisodeDeps, RewardScorer, TaskSource } from "../../env/episode/index.ts";
import type { EpisodeWeb, OpenResult, PageView, SearchHit } from "../../env/episode/web.ts";
import type { Task } from "../../core/task.ts";

interface FixturePage {
  url: string;
  title: string;
  text: string;
  links: string[];
}

const PAGES: FixturePage[] = [
  {
    url: "https://wiki.test/Vexa_Corp",
    title: "Vexa Corp",
    links: ["https://wiki.test/Ada_Lind", "https://wiki.test/Port_Aldo"],
    text: "Vexa Corp is a software company headquartered in Port Aldo. Vexa Corp was founded in 1987 by Ada Lind. As of 2024, the company employs 4,200 people.",
  },
  {
    url: "https://wiki.test/Ada_Lind",
    title: "Ada Lind",
    links: ["https://wiki.test/Port_Aldo"],
    text: "Ada Lind (born 1951) is a engineer. Lind was born in Port Aldo in 1951. Ada Lind is 1.74 m tall. In 1987, Lind founded Vexa Corp.",
  },
  {
    url: "https://wiki.test/Port_Aldo",
    title: "Port Aldo",
    links: ["https://wiki.test/Kesland"],
    text: "Port Aldo is a city in Kesland. It has a population of 312,000 and an area of 88.5 km². The city lies at an elevation of 40 m above sea level.",
  },
  { url: "https://wiki.test/Kesland", title: "Kesland", links: [], text: "Kesland is a country with a population of 9,100,000 and an area of 51,000.0 km²." },
  {
    url: "https://wiki.test/Orin_Tal",
    title: "Orin Tal",
    links: ["https://wiki.test/Miravale"],
    text: "Orin Tal (born 1962) is a novelist. Tal was born in Miravale in 1962. Orin Tal is 1.81 m tall.",
  },
  { url: "https://wiki.test/Miravale", title: "Miravale", links: [], text: "Miravale is a city in Kesland. It has a population of 58,000." },
  {
    url: "https://news.test/vexa-anniversary",
    title: "Vexa celebrates",
    links: ["https://wiki.test/Vexa_Corp"],
    text: "Staff at Vexa Corp gathered on Monday. Some claim the firm started in 1990, but records differ.",
  },
  {
    url: "https://wiki.test/Glimmer_Labs",
    title: "Glimmer Labs",
    links: [],
    text: "Glimmer Labs is a biotech company headquartered in Miravale. Glimmer Labs was founded in 2003 by Orin Tal.",
  },
];

/** Tasks over the fixture web; the scripted policy solves the first four. */
export const FIXTURE_TASKS: Task[] = [
  task("t-001", "In what year was Vexa Corp founded?", ["1987"], ["https://wiki.test/Vexa_Corp"]),
  task("t-002", "Where was Orin Tal born?", ["Miravale"], ["https://wiki.test/Orin_Tal"]),
  task("t-003", "What is the population of Port Aldo?", ["312,000", "312000"], ["https://wiki.test/Port_Aldo"]),
  task("t-004", "Who founded Glimmer Labs?", ["Orin Tal"], ["https://wiki.test/Glimmer_Labs"]),
  task("t-005", "What is the favourite colour of Ada Lind?", ["teal"], ["https://wiki.test/Ada_Lind"], "test"),
  task("t-006", "How tall is Ada Lind?", ["1.74", "1.74 m"], ["https://wiki.test/Ada_Lind"], "test"),
];

function task(id: string, question: string, answers: string[], goldUrls: string[], split = "train"): Task {
  return { id, question, answers, goldUrls, hops: 1, split, source: "fixture", type: "single_fact", rubric: null };
}

const words = (s: string): string[] => s.toLowerCase().match(/[a-z0-9]+/g) ?? [];

/** A deterministic bag-of-words search over the fixture pages. */
function search(query: string, k: number): { total: number; results: SearchHit[] } {
  const q = new Set(words(query));
  const scored = PAGES.map((p, i) => {
    const w = words(`${p.title} ${p.title} ${p.text}`);
    return { p, i, score: w.filter((x) => q.has(x)).length };
  }).filter((x) => x.score > 0);
  scored.sort((a, b) => b.score - a.score || a.i - b.i);
  const results = scored.slice(0, k).map((x, r) => ({
    rank: r + 1,
    url: x.p.url,
    title: x.p.title,
    snippet: x.p.text.slice(0, 120),
    score: x.score,
  }));
  return { total: scored.length, results };
}

function lines(p: FixturePage): string[] {
  return p.text.split(/(?<=\.)\s+/);
}

function open(url: string): OpenResult {
  const p = PAGES.find((x) => x.url === url);
  if (!p) return { kind: "not_found", url, text: `Error: 404 Not Found: ${url}` };
  return {
    kind: "page",
    url: p.url,
    title: p.title,
    view: (cursor, loc, numLines): PageView => {
      const all = lines(p);
      const end = Math.min(all.length, loc + (numLines ?? 20));
      const body = all
        .slice(loc, end)
        .map((l, i) => `L${loc + i}: ${l}`)
        .join("\n");
      return {
        text: `[${cursor}] ${p.title} (${p.url})\n**viewing lines [${loc} - ${end - 1}] of ${all.length - 1}**\n\n${body}`,
        links: p.links,
        first: loc,
        last: end - 1,
        totalLines: all.length,
      };
    },
    find: (cursor, pattern) => {
      const hits = lines(p)
        .map((l, i) => [l, i] as const)
        .filter(([l]) => l.toLowerCase().includes(pattern.toLowerCase()));
      if (hits.length === 0) return `[${cursor}] Find results for text: \`${pattern}\`\n\nNo \`find\` results for pattern: \`${pattern}\``;
      return `[${cursor}] Find results for text: \`${pattern}\` in \`${p.title}\`\n\n${hits.map(([l, i], j) => `# 【${j}†match at L${i}】\nL${i}: ${l}`).join("\n\n")}`;
    },
  };
}

/** The fixture web. */
export const FIXTURE_WEB: EpisodeWeb = {
  search,
  open,
  pageText: (url) => PAGES.find((p) => p.url === url)?.text ?? null,
};

/** Tasks by id and split. */
export const FIXTURE_TASK_SOURCE: TaskSource = {
  get: (id) => FIXTURE_TASKS.find((t) => t.id === id) ?? null,
  list: (split) => FIXTURE_TASKS.filter((t) => split === undefined || t.split === split),
};

const norm = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, "");

/** Exact match (normalised) as `correct`, a citation check, and a weight-0 step count. */
export const FIXTURE_SCORER: RewardScorer = {
  score: async (task, traj) => {
    const correct = traj.finalAnswer !== null && task.answers.some((a) => norm(a) === norm(traj.finalAnswer as string)) ? 1 : 0;
    const cited = traj.citations.some((c) => task.goldUrls.includes(c)) ? 1 : 0;
    return { reward: 0.9 * correct + 0.1 * cited, components: { correct, citation: cited, num_steps: traj.steps.length } };
  },
};

/** EpisodeDeps over the fixture web (no faults, no sink: the runner adds the log). */
export function fixtureDeps(): EpisodeDeps {
  return { web: FIXTURE_WEB, tasks: FIXTURE_TASK_SOURCE, scorer: () => FIXTURE_SCORER };
}
