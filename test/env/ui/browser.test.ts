import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localDriver, runRollouts, scriptedPolicy } from "../../../env/rollout/index.ts";
import { SimWeb } from "../../../env/simweb/index.ts";
import { readLog, type LogContents } from "../../../env/trajectory/index.ts";
import { actionKey, firstDivergence, readCorpusTasks, startUiServer, type CorpusTasks, type UiServer } from "../../../env/ui/index.ts";
import { runTs, type Child } from "../../helpers/child-process.ts";
import { useTmpDir } from "../../helpers/tmp-dir.ts";
import { makeWorld } from "../../helpers/world.ts";
import { HOSTILE, makeUiRun } from "./ui-fixture.ts";

const CHROMIUM = "/usr/bin/chromium";
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const TITLE = HAVE_CHROMIUM ? "run viewer in Chromium" : `run viewer in Chromium (SKIPPED: ${CHROMIUM} is missing; apt-get install chromium)`;
const dir = useTmpDir("simweb-ui-browser-");
const shots = join(dir, "screenshots");

let browser: Browser;
let page: Page;
let srv: UiServer;
let hostileSrv: UiServer;
let log: LogContents;
let hostileLog: LogContents;
let corpus: CorpusTasks;

describe.skipIf(!HAVE_CHROMIUM)(TITLE, () => {
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    const world = await makeWorld(join(dir, "world"), 400, 7);
    const web = await SimWeb.open(world.db);
    const runPath = join(dir, "runs", "e2e.duckdb");
    mkdirSync(join(dir, "runs"), { recursive: true });
    try {
      await runRollouts({
        out: runPath,
        tasks: web.tasks.list().slice(0, 8),
        driver: localDriver(web.episodeDeps()),
        policy: scriptedPolicy(),
        groupSize: 4,
        concurrency: 2,
        maxSteps: 8,
        seed: 1,
        config: { corpus: world.db },
      });
    } finally {
      web.close();
    }
    log = await readLog(runPath);
    corpus = await readCorpusTasks(
      world.db,
      log.episodes.map((e) => e.taskId),
    );
    srv = await startUiServer({ runPath });
    const hostile = await makeUiRun(join(dir, "hostile"));
    hostileLog = await readLog(hostile.log);
    hostileSrv = await startUiServer({ runPath: hostile.log, pageLinkBase: "/page" });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on("pageerror", (err) => {
      throw err;
    });
  });

  afterAll(async () => {
    await browser?.close();
    await srv?.close();
    await hostileSrv?.close();
  });

  const open = async (url: string): Promise<void> => {
    await page.goto(url);
    await settle();
  };
  const settle = async (): Promise<void> => {
    // the view has finished rendering the route in the address bar
    await page.waitForFunction(() => {
      const g = globalThis as any; // runs in the page (no DOM types here)
      const m = g.document.getElementById("view");
      return m.getAttribute("aria-busy") === "false" && m.dataset.hash === g.location.hash;
    });
  };
  const text = async (sel: string): Promise<string> => ((await page.textContent(sel)) ?? "").trim();
  const sumN = (sel: string): Promise<number> => page.$$eval(sel, (els) => els.reduce((a, el) => a + Number(el.getAttribute("data-n")), 0));

  it("shows the run overview with the log's numbers", async () => {
    await open(`${srv.url}#/`);
    const eps = log.episodes;
    expect(await text("[data-stat=episodes] .value")).toBe(String(eps.length));
    expect(Number(await text("[data-stat=meanReward] .value"))).toBeCloseTo(eps.reduce((a, e) => a + e.reward, 0) / eps.length, 3);
    const solved = eps.filter((e) => (e.components.correct ?? 0) >= 1).length;
    expect(await text("[data-stat=successRate] .value")).toBe(`${((solved / eps.length) * 100).toFixed(1)}%`);
    expect(await sumN(".reward-hist rect.bar")).toBe(eps.length);
    expect(await sumN(".steps-hist rect.bar")).toBe(eps.length);
    expect(await sumN(".throughput rect.bar")).toBe(eps.length);
    const types = await page.$$eval(".by-type g.rate", (gs) => gs.map((g) => [g.getAttribute("data-key"), Number(g.getAttribute("data-n"))]));
    const expected = new Map<string, number>();
    for (const e of eps) expected.set(corpus.tasks.get(e.taskId)?.type ?? "?", (expected.get(corpus.tasks.get(e.taskId)?.type ?? "?") ?? 0) + 1);
    expect(Object.fromEntries(types)).toEqual(Object.fromEntries(expected));
    expect(await page.$$eval(".panel.component", (ps) => ps.length)).toBe(log.componentNames.length);
    await page.screenshot({ path: join(shots, "overview.png"), fullPage: true });
  });

  it("searches with the search box and filters by reward", async () => {
    const target = log.episodes[0];
    const words = (target?.question ?? "").split(" ").slice(-2).join(" ").replace(/\?$/, "");
    await page.fill("#search-box", words);
    await page.press("#search-box", "Enter");
    await page.waitForURL(/#\/search/);
    await settle();
    const matching = log.episodes.filter((e) =>
      [e.question, e.taskId, e.episodeId, e.finalAnswer].some((s) => (s ?? "").toLowerCase().includes(words.toLowerCase())),
    );
    expect(await text("#episode-results .count")).toBe(`${matching.length} matching`);
    expect(await text("#task-results .count")).toBe(`${new Set(matching.map((e) => e.groupId)).size} matching`);
    await page.fill("#filters input[name=q]", "");
    await page.fill("#filters input[name=minReward]", "1");
    await page.click("#filters button[type=submit]");
    await page.waitForURL(/minReward=1/);
    await settle();
    const hi = log.episodes.filter((e) => e.reward >= 1);
    expect(await text("#episode-results .count")).toBe(`${hi.length} matching`);
    const shown = await page.$$eval("#episode-results td.reward", (tds) => tds.map((td) => Number(td.textContent)));
    expect(shown.length).toBe(Math.min(50, hi.length));
    expect(shown.every((r) => r >= 1)).toBe(true);
    await page.screenshot({ path: join(shots, "search.png"), fullPage: true });
  });

  it("shows a GRPO group side by side with its divergence", async () => {
    const groups = [...new Set(log.episodes.map((e) => e.groupId))];
    const divs = groups.map((g) => {
      const mine = log.episodes.filter((e) => e.groupId === g);
      return { g, mine, d: firstDivergence(mine.map((e) => e.steps.map((s) => actionKey(s.action === null ? null : JSON.stringify(s.action), s.rawText)))) };
    });
    const pick = divs.find((x) => x.d.step !== null) ?? (divs[0] as (typeof divs)[number]);
    await open(`${srv.url}#/search`);
    await page.click(`#task-results a[href*="id=${encodeURIComponent(pick.g)}"]`);
    await page.waitForURL(/#\/group/);
    await settle();
    expect(await page.$$eval("#rollouts tbody tr", (trs) => trs.length)).toBe(pick.mine.length);
    const rewards = await page.$$eval("#rollouts td.reward", (tds) => tds.map((td) => Number(td.textContent)));
    expect(rewards).toEqual(pick.mine.map((e) => Number(e.reward.toFixed(3))));
    expect(divs.some((x) => x.d.step !== null)).toBe(true); // the seeded scripted run has divergent groups
    if (pick.d.step === null) expect(await text("#divergence")).toContain("same actions");
    else {
      expect(await text("#divergence")).toContain(`step ${pick.d.step}`);
      expect(await page.$$eval("#side-by-side tr.diverge-row td.diverge", (tds) => tds.length)).toBe(pick.mine.length);
      expect(await page.getAttribute("#side-by-side tr.diverge-row", "data-step")).toBe(String(pick.d.step));
    }
    await page.screenshot({ path: join(shots, "group.png"), fullPage: true });
  });

  it("shows an episode step by step with answer, gold, verdicts and observations", async () => {
    const first = await page.getAttribute("#rollouts tbody tr", "data-episode");
    const e = log.episodes.find((x) => x.episodeId === first);
    if (!e) throw new Error(`episode ${first} not in the log`);
    await page.click("#rollouts tbody tr a");
    await page.waitForURL(/#\/episode/);
    await settle();
    expect(await page.$$eval("article.step", (a) => a.length)).toBe(e.steps.length);
    expect(await text("td.final")).toBe(e.finalAnswer ?? "(none)");
    const gold = corpus.tasks.get(e.taskId)?.answers ?? [];
    expect(await page.$$eval("td.gold-answers b.gold", (bs) => bs.map((b) => b.textContent))).toEqual(gold);
    expect(await page.$$eval("#verdicts tr[data-component]", (trs) => trs.length)).toBeGreaterThanOrEqual(log.componentNames.length);
    expect(await page.$$eval("details.observation[open]", (d) => d.length)).toBe(0);
    await page.click("#expand-all");
    expect(await page.$$eval("details.observation[open]", (d) => d.length)).toBe(e.steps.length);
    const obs = await page.$$eval("article.step pre.obs", (ps) => ps.map((p) => p.textContent));
    expect(obs).toEqual(e.steps.map((s) => s.observation));
    expect(await page.$$eval("td.citations a", (as) => as.length)).toBe(0); // no page route: URLs as text
    await page.screenshot({ path: join(shots, "episode.png"), fullPage: true });
  });

  it("shows hostile web text as text and links citations to /page when mounted", async () => {
    await open(`${hostileSrv.url}#/episode?run=scripted&id=${encodeURIComponent("t-001#0")}`);
    await page.click("#expand-all");
    const obs = await page.$$eval("article.step pre.obs", (ps) => ps.map((p) => p.textContent ?? ""));
    expect(obs.some((o) => o.includes(HOSTILE))).toBe(true);
    expect(await page.$$eval("main img, main script", (els) => els.length)).toBe(0);
    expect(await page.evaluate(() => typeof (globalThis as any).__xss)).toBe("undefined");
    const hrefs = await page.$$eval("td.citations a.url", (as) => as.map((a) => a.getAttribute("href")));
    const cited = hostileLog.episodes.find((e) => e.runId === "scripted" && e.episodeId === "t-001#0")?.citations ?? [];
    expect(cited.length).toBeGreaterThan(0);
    expect(hrefs).toEqual(cited.map((u) => `/page?url=${encodeURIComponent(u)}`));
    expect(await page.$$eval("pre.obs a.url", (as) => as.length)).toBeGreaterThan(0);
  });

  it("updates while another process writes the run: episodes, reward over time, failures, then the finished log", async () => {
    const livePath = join(dir, "runs", "live.duckdb");
    const writer: Child = runTs(["test/env/trajectory/live-writer-child.ts", livePath, "100000", "100", "300"]);
    let liveSrv: UiServer | null = null;
    try {
      await writer.waitForLine((l) => l.includes('"msg":"ended"'));
      await new Promise((r) => setTimeout(r, 800)); // the first snapshot with episodes
      liveSrv = await startUiServer({ runPath: livePath, corpusPath: null });
      await open(`${liveSrv.url}#/`);
      expect(await page.isVisible("#live-badge")).toBe(true);
      const stat = async (id: string): Promise<number> => Number((await text(`[data-stat=${id}] .value`)).replace(/,/g, ""));
      const before = await stat("episodes");
      const version = await page.getAttribute("#view", "data-version");
      // no navigation, no reload: the page polls and redraws from the newer snapshot
      await page.waitForFunction(
        ([v, n]) => {
          const d = (globalThis as any).document;
          const view = d.getElementById("view");
          const value = Number(d.querySelector("[data-stat=episodes] .value")?.textContent?.replace(/,/g, ""));
          return view.dataset.version !== v && view.getAttribute("aria-busy") === "false" && value > (n as number);
        },
        [version, before] as const,
        { timeout: 20_000 },
      );
      expect(await stat("episodes")).toBeGreaterThan(before);
      expect(await stat("failures")).toBeGreaterThan(0);
      expect(await page.$$eval(".reward-time circle.dot", (c) => c.length)).toBeGreaterThan(0);
      expect(await sumN(".failures-time rect.bar")).toBe(await stat("failures"));
      expect(await sumN(".throughput rect.bar")).toBe(await stat("episodes"));
      await page.screenshot({ path: join(shots, "live.png"), fullPage: true });
      writer.proc.kill("SIGTERM");
      await writer.exited;
      await page.waitForFunction(() => (globalThis as any).document.getElementById("live-badge").hidden === true, undefined, { timeout: 20_000 });
      const final = await readLog(livePath);
      await settle();
      expect(await stat("episodes")).toBe(final.episodes.length);
    } finally {
      if (writer.proc.exitCode === null) writer.proc.kill("SIGKILL");
      await liveSrv?.close();
    }
  }, 60_000);

  it("reports an unknown episode as an error, not a blank page", async () => {
    await open(`${srv.url}#/episode?run=e2e&id=nope`);
    expect(await text("main .error")).toMatch(/NOT_FOUND.*nope/);
  });
});
