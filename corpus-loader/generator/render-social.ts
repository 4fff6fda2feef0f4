/** @module News articles, blog posts and forum threads about entities of the world. */
import { stream } from "../../core/index.ts";
import type { Rng } from "../../core/index.ts";
import type { Entity } from "./entities.ts";
import { an, describe, fmtDate, neighbours } from "./facts.ts";
import { a, paras, renderPage } from "./html-layout.ts";
import { givenName, surname } from "./names.ts";
import { pseudoWord } from "./vocabulary.ts";
import { bodyWords, paragraphs, sentence } from "./prose.ts";
import { FORUM_HOSTS, dayToIso, urlOf, wikiUrl } from "./site-plan.ts";
import type { RenderedPage, WorldContext } from "./world-context.ts";
import { topicOf } from "./world-context.ts";

const NEWS_NAMES = ["The Daily Herald", "The Morning Ledger", "Metroline Times", "Global Wire Report"];
const NEWS_SECTIONS = ["World", "Business", "Culture", "Local", "Science", "Sport"];

/** A year off by 1–4 (for wrong or outdated claims). */
export function wrongYear(rng: Rng, y: number): number {
  return y + (rng.chance(0.5) ? -1 : 1) * (1 + rng.int(4));
}

/** Headline for a news article about `e`. */
function headline(rng: Rng, ctx: WorldContext, e: Entity): string {
  const name = (x: number): string => (ctx.g.entities[x] as Entity).name;
  switch (e.type) {
    case "org":
      return rng.pick([`${e.name} announces expansion in ${name(e.hq)}`, `${e.name} reports record year`, `Shareholders question ${e.name} strategy`]);
    case "person":
      return rng.pick([
        `${e.name} honoured at ceremony`,
        `Interview: ${e.name} on a life as ${an(e.occupation)}`,
        `${e.name} returns to ${name(e.birthplace)}`,
      ]);
    case "city":
      return rng.pick([`${e.name} council approves new harbour plan`, `Flooding closes roads in ${e.name}`, `${e.name} named regional capital of culture`]);
    case "country":
      return rng.pick([`${e.name} reports economic growth`, `Elections announced in ${e.name}`]);
    case "work":
      return rng.pick([`${e.name} returns to the spotlight`, `Why ${e.name} still divides critics`, `A new edition of ${e.name}`]);
    case "event":
      return rng.pick([`Thousands attend the ${e.name}`, `Organisers look back on the ${e.name}`]);
  }
}

/** Link to an entity's wiki page, through its legacy alias URL (a redirect) when `viaAlias` and one exists. */
function entityHref(ctx: WorldContext, id: number, viaAlias: boolean): string {
  const alias = ctx.plan.aliasOf.get(id);
  return viaAlias && alias !== undefined ? urlOf(ctx.plan, ctx.g, "redirect", alias) : wikiUrl(ctx.g, id);
}

/** Picks another page of `kind` with the same residue mod `m` (same site), or null. */
function sibling(ctx: WorldContext, rng: Rng, kind: "news" | "blog" | "forum", j: number, m: number): number | null {
  const n = ctx.plan.counts[kind];
  const r = rng.int(n);
  const k = r - (r % m) + (j % m);
  return k < n && k !== j ? k : null;
}

/** A news article (page j of kind news). */
export function renderNews(ctx: WorldContext, j: number): RenderedPage {
  const { g, plan } = ctx;
  const rng = stream(ctx.seed, "generator", "page", "news", j);
  const e = g.entities[plan.subject.news[j] as number] as Entity;
  const iso = dayToIso(plan.day.news[j] as number);
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const title = headline(rng, ctx, e);
  const site = NEWS_NAMES[j % 4] as string;
  const section = rng.pick(NEWS_SECTIONS);
  const lead = `${a(wikiUrl(g, e.id), e.name)}, ${describe(g, e)}, ${rng.pick(["made headlines again this week", "was the focus of attention on " + fmtDate(y, m, d), "drew fresh interest from readers"])}.`;
  const near = neighbours(e);
  const ps = paragraphs(rng, ctx.vocab, bodyWords(rng, 360), topicOf(ctx, e.id));
  if (near.length > 0) {
    const n = g.entities[near[0] as number] as Entity;
    ps.splice(1, 0, `The story also involves ${a(wikiUrl(g, n.id), n.name)}, ${describe(g, n)}.`);
  }
  const related: string[] = [];
  for (let k = 0; k < 3; k++) {
    const s = sibling(ctx, rng, "news", j, 4);
    if (s !== null)
      related.push(`<li>${a(urlOf(plan, g, "news", s).replace(/^https:\/\/[^/]+/, ""), (g.entities[plan.subject.news[s] as number] as Entity).name)}</li>`);
  }
  const byline = `${givenName(rng)} ${surname(rng, false)}`;
  const article =
    `<h1>${title}</h1>\n<p class="byline">By ${byline} | <time datetime="${iso}">${fmtDate(y, m, d)}</time></p>\n` +
    `${paras([lead, ...ps])}\n<h3>Related coverage</h3>\n<ul>${related.join("")}</ul>`;
  return {
    status: 200,
    location: null,
    lang: "en",
    html: renderPage({
      lang: "en",
      title: `${title} | ${site}`,
      site,
      nav: [["/", "Home"], ...NEWS_SECTIONS.map((s): [string, string] => [`/${s.toLowerCase()}/`, s])],
      crumbs: [
        ["/", "Home"],
        [`/${section.toLowerCase()}/`, section],
        [null, title],
      ],
      article,
      description: `${e.name}: ${describe(g, e)}`,
    }),
  };
}

/** A personal blog post (page j of kind blog). */
export function renderBlog(ctx: WorldContext, j: number): RenderedPage {
  const { g, plan } = ctx;
  const rng = stream(ctx.seed, "generator", "page", "blog", j);
  const e = g.entities[plan.subject.blog[j] as number] as Entity;
  const handle = plan.blogs[j % plan.blogs.length] as string;
  const title =
    e.type === "city"
      ? `A weekend in ${e.name}`
      : e.type === "work"
        ? `My thoughts on ${e.name}`
        : e.type === "person"
          ? `Why ${e.name} still matters`
          : `Notes on the ${e.name}`.replace("the the", "the");
  const iso = dayToIso(plan.day.blog[j] as number);
  const topic = topicOf(ctx, e.id, ["I", "we"]);
  const ps = paragraphs(rng, ctx.vocab, bodyWords(rng, 300, 0.8), topic);
  ps.splice(Math.min(1, ps.length), 0, `I keep coming back to ${a(entityHref(ctx, e.id, rng.chance(0.5)), e.name)}, ${describe(g, e)}.`);
  if (rng.chance(0.3)) {
    const nf = rng.int(plan.counts.notfound);
    ps.push(`I wrote about this in ${a(urlOf(plan, g, "notfound", nf), "an old news story")} that seems to be gone now.`);
  }
  ps.push(`More pictures are on ${a(`https://www.photoshare-example.com/${handle}`, "my photo page")}.`);
  const nav: string[] = [];
  const nb = plan.blogs.length;
  if (j - nb >= 0) nav.push(a(urlOf(plan, g, "blog", j - nb).replace(/^https:\/\/[^/]+/, ""), "Previous post"));
  if (j + nb < plan.counts.blog) nav.push(a(urlOf(plan, g, "blog", j + nb).replace(/^https:\/\/[^/]+/, ""), "Next post"));
  const roll: string[] = [];
  for (let k = 1; k <= 3; k++) {
    const o = (j + k) % plan.counts.blog;
    if (o !== j) roll.push(`<li>${a(urlOf(plan, g, "blog", o), plan.blogs[o % nb] as string)}</li>`);
  }
  const article = `<h1>${title}</h1>\n<p class="post-date">Posted on ${iso} by ${handle}</p>\n${paras(ps)}\n<p class="post-nav">${nav.join(" | ")}</p>`;
  return {
    status: 200,
    location: null,
    lang: "en",
    html: renderPage({
      lang: "en",
      title: `${title} - ${handle}`,
      site: handle,
      nav: [
        ["/", "Home"],
        ["/archive", "Archive"],
        ["/about", "About me"],
      ],
      crumbs: [
        ["/", handle],
        [null, title],
      ],
      article,
      aside: `<h3>Blogroll</h3><ul>${roll.join("")}</ul>`,
    }),
  };
}

function forumQuestion(e: Entity): string {
  switch (e.type) {
    case "org":
      return `When was ${e.name} founded?`;
    case "person":
      return `Who is ${e.name} exactly?`;
    case "city":
      return `Moving to ${e.name} - any advice?`;
    case "country":
      return `Travelling around ${e.name} this summer`;
    case "work":
      return `Anyone else seen or read ${e.name}?`;
    case "event":
      return `Going to the ${e.name}?`;
  }
}

function datedYear(e: Entity): number | null {
  return e.type === "org" ? e.founded : e.type === "person" ? e.born : e.type === "work" || e.type === "event" ? e.year : null;
}

/** A forum thread (page j of kind forum): a question and replies, one correct and maybe one wrong. */
export function renderForum(ctx: WorldContext, j: number): RenderedPage {
  const { g, plan } = ctx;
  const rng = stream(ctx.seed, "generator", "page", "forum", j);
  const e = g.entities[plan.subject.forum[j] as number] as Entity;
  const host = FORUM_HOSTS[j % 3] as string;
  const title = forumQuestion(e);
  const topic = topicOf(ctx, e.id);
  const user = (): string => `${pseudoWord(rng)}${rng.int(100)}`;
  const posts: Array<[string, string]> = [[user(), paras(paragraphs(rng, ctx.vocab, 40 + rng.int(120), topic))]];
  const replies = 2 + rng.int(5);
  const correctAt = rng.int(replies);
  const y = datedYear(e);
  const wrongAt = y !== null && rng.chance(0.35) ? rng.int(replies) : -1;
  for (let r = 0; r < replies; r++) {
    let body = sentence(rng, ctx.vocab, topic);
    if (r === correctAt) body = `It is ${describe(g, e)}. See ${a(wikiUrl(g, e.id), e.name)} on Wikiverse. ${body}`;
    else if (r === wrongAt && y !== null) body = `Pretty sure that was back in ${wrongYear(rng, y)}, but I may be wrong. ${body}`;
    else if (rng.chance(0.5)) body += ` ${sentence(rng, ctx.vocab, topic)}`;
    posts.push([user(), `<p>${body}</p>`]);
  }
  const thread = posts.map(([u, b], k) => `<div class="post" id="p${k + 1}"><div class="author">${u}</div><div class="body">${b}</div></div>`).join("\n");
  const more = sibling(ctx, rng, "forum", j, 3);
  const moreLink =
    more === null
      ? ""
      : `<p>Similar thread: ${a(urlOf(plan, g, "forum", more).replace(/^https:\/\/[^/]+/, ""), forumQuestion(g.entities[plan.subject.forum[more] as number] as Entity))}</p>`;
  const article = `<h1>${title}</h1>\n${thread}\n${moreLink}`;
  const boards = { "forum.retrotalk.net": "General chat", "boards.cityfans.org": "Cities and travel", "community.bookhaven.net": "Books and film" } as Record<
    string,
    string
  >;
  return {
    status: 200,
    location: null,
    lang: "en",
    html: renderPage({
      lang: "en",
      title: `${title} - ${host}`,
      site: host,
      nav: [
        ["/", "Forums"],
        ["/latest", "Latest"],
        ["/members", "Members"],
      ],
      crumbs: [
        ["/", "Forums"],
        ["/c/general", boards[host] ?? "General"],
        [null, title],
      ],
      article,
    }),
  };
}
