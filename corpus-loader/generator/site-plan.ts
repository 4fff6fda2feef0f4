/** @module The page plan: how many pages of each kind, which entity each is about, and every page's URL. */
import { stream } from "../../core/index.ts";
import type { EntityGraph, Org, Person } from "./entities.ts";
import { kebabOf } from "./names.ts";
import { pseudoWord } from "./vocabulary.ts";

/** Kinds of pages, in page-index order. `wiki` pages come first: wiki page j is about entity j. */
export const PAGE_KINDS = [
  "wiki",
  "category",
  "mirror",
  "foreign",
  "conflict",
  "news",
  "blog",
  "forum",
  "directory",
  "registry",
  "redirect",
  "notfound",
] as const;
/** One page kind. */
export type PageKind = (typeof PAGE_KINDS)[number];

/** Share of all pages per non-wiki kind (the rest are encyclopedia pages, one per entity). */
const SHARES: Record<Exclude<PageKind, "wiki">, number> = {
  category: 0.03,
  mirror: 0.04,
  foreign: 0.04,
  conflict: 0.03,
  news: 0.14,
  blog: 0.12,
  forum: 0.09,
  directory: 0.03,
  registry: 0.02,
  redirect: 0.01,
  notfound: 0.005,
};

/** News sites (page j of kind news is on NEWS_HOSTS[j % 4]). */
export const NEWS_HOSTS = ["www.dailyherald-news.com", "www.morningledger.com", "metroline-times.net", "www.globalwire-report.com"];
/** Mirror sites of the encyclopedia. */
export const MIRROR_HOSTS = ["www.wikimirror-archive.net", "encyclopedia-copy.org"];
/** Low-quality trivia sites that carry outdated or wrong claims. */
export const CONFLICT_HOSTS = ["www.factzilla-trivia.com", "quickanswers-hub.net", "top10-facts.info"];
/** Forum sites. */
export const FORUM_HOSTS = ["forum.retrotalk.net", "boards.cityfans.org", "community.bookhaven.net"];
/** Languages of the foreign-language encyclopedia pages. */
export const FOREIGN_LANGS = ["de", "fr", "es"] as const;
/** The encyclopedia host. */
export const WIKI_HOST = "en.wikiverse.org";
/** The company registry (its pages are noindex). */
export const REGISTRY_HOST = "records.companyregistry-online.org";

/** How many encyclopedia pages (= entities) a world of `pages` pages has (~44%). */
export function entityBudget(pages: number): number {
  let other = 0;
  for (const k of PAGE_KINDS) if (k !== "wiki") other += Math.max(1, Math.floor(SHARES[k] * pages));
  return pages - other;
}

/** A hub page listing entities that share an attribute. */
export interface Category {
  title: string;
  members: number[];
}

/** Where every page is and what it is about. */
export interface SitePlan {
  pages: number;
  counts: Record<PageKind, number>;
  /** First page index of each kind. */
  start: Record<PageKind, number>;
  /** Subject entity of page j for mirror, foreign, conflict, news, blog and forum pages. */
  subject: Record<"mirror" | "foreign" | "conflict" | "news" | "blog" | "forum", Int32Array>;
  /** Day number (days since 2005-01-01) of news and blog pages. */
  day: Record<"news" | "blog", Int32Array>;
  /** Blog handles; blog post j is on blog j % blogs.length. */
  blogs: string[];
  categories: Category[];
  /** "born:<city>", "based:<city>", "cities:<country>" → category index. */
  categoryOf: Map<string, number>;
  /** Registry page j is about org registryOrg[j]; registryOf maps org id → j. */
  registryOrg: Int32Array;
  registryOf: Map<number, number>;
  /** Redirect j < aliasCount is a wiki alias of person aliasPerson[j]; the rest are legacy news URLs. */
  aliasPerson: Int32Array;
  aliasOf: Map<number, number>;
  /** Order in which pages are written (a seeded permutation of 0..pages-1). */
  order: Uint32Array;
}

/** ISO date (yyyy-mm-dd) of a day number counted from 2005-01-01. */
export function dayToIso(day: number): string {
  return new Date(Date.UTC(2005, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
}

function shuffled(seed: number, key: string, ids: readonly number[]): number[] {
  return stream(seed, "generator", "plan", key).shuffle(ids.slice());
}

/**
 * Decides the page mix for `pages` pages over the entity graph. Counts always add up to `pages`.
 * @example
 * const plan = buildSitePlan(42, 1000, graph);
 * urlOf(plan, graph, "wiki", 0);
 */
export function buildSitePlan(seed: number, pages: number, g: EntityGraph): SitePlan {
  const counts = { wiki: 0 } as Record<PageKind, number>;
  for (const k of PAGE_KINDS) if (k !== "wiki") counts[k] = Math.max(1, Math.floor(SHARES[k] * pages));
  const entityTotal = entityBudget(pages);
  // the graph was built for entityTotal entities; cap kinds that need distinct entities
  const E = g.entities.length;
  counts.wiki = E;
  const categories = buildCategories(seed, g);
  const persons = g.byType.person.filter((id) => (g.entities[id] as Person).middle !== null);
  const caps: Partial<Record<PageKind, number>> = {
    mirror: E,
    foreign: E,
    conflict: E,
    registry: g.byType.org.length,
    category: categories.length,
    redirect: persons.length + counts.news,
  };
  let spare = entityTotal - E;
  if (spare < 0) throw new RangeError(`the entity graph has ${E} entities but ${pages} pages leave room for ${entityTotal}`);
  for (const [k, cap] of Object.entries(caps) as Array<[PageKind, number]>) {
    if (counts[k] > cap) {
      spare += counts[k] - cap;
      counts[k] = cap;
    }
  }
  counts.blog += spare;
  const start = {} as Record<PageKind, number>;
  let at = 0;
  for (const k of PAGE_KINDS) {
    start[k] = at;
    at += counts[k];
  }
  const rng = stream(seed, "generator", "plan");
  const allIds = g.entities.map((e) => e.id);
  const subjectOf = (k: "mirror" | "foreign" | "conflict" | "news" | "blog" | "forum", distinct: boolean): Int32Array => {
    const out = new Int32Array(counts[k]);
    const perm = distinct ? shuffled(seed, k, allIds) : null;
    for (let j = 0; j < out.length; j++) out[j] = perm !== null ? (perm[j] as number) : rng.int(E);
    return out;
  };
  const days = (n: number): Int32Array => Int32Array.from({ length: n }, () => rng.int(7300));
  const blogRng = stream(seed, "generator", "plan", "blogs");
  const blogSet = new Set<string>();
  const nBlogs = Math.max(3, Math.ceil(counts.blog / 25));
  for (let guard = 0; blogSet.size < nBlogs && guard < nBlogs * 100; guard++) {
    blogSet.add(`${pseudoWord(blogRng)}-${blogRng.pick(["travels", "writes", "notes", "reads", "reviews", "diary"])}`);
  }
  const orgs = shuffled(seed, "registry", g.byType.org).slice(0, counts.registry);
  const aliases = shuffled(seed, "alias", persons).slice(0, Math.min(persons.length, Math.ceil(counts.redirect / 2)));
  const chosen = categories.slice(0, counts.category);
  const categoryOf = new Map<string, number>();
  chosen.forEach((c, j) => categoryOf.set(c.key, j));
  const order = new Uint32Array(pages);
  for (let i = 0; i < pages; i++) order[i] = i;
  const orng = stream(seed, "generator", "plan", "order");
  for (let i = pages - 1; i > 0; i--) {
    const j = orng.int(i + 1);
    const t = order[i] as number;
    order[i] = order[j] as number;
    order[j] = t;
  }
  return {
    pages,
    counts,
    start,
    subject: {
      mirror: subjectOf("mirror", true),
      foreign: subjectOf("foreign", true),
      conflict: subjectOf("conflict", true),
      news: subjectOf("news", false),
      blog: subjectOf("blog", false),
      forum: subjectOf("forum", false),
    },
    day: { news: days(counts.news), blog: days(counts.blog) },
    blogs: [...blogSet],
    categories: chosen.map((c) => ({ title: c.title, members: c.members })),
    categoryOf,
    registryOrg: Int32Array.from(orgs),
    registryOf: new Map(orgs.map((o, j) => [o, j])),
    aliasPerson: Int32Array.from(aliases),
    aliasOf: new Map(aliases.map((p, j) => [p, j])),
    order,
  };
}

interface CategoryCandidate extends Category {
  key: string;
}

function buildCategories(seed: number, g: EntityGraph): CategoryCandidate[] {
  const out: CategoryCandidate[] = [];
  const name = (id: number): string => (g.entities[id] as { name: string }).name;
  for (const [city, members] of g.bornIn) out.push({ key: `born:${city}`, title: `People born in ${name(city)}`, members });
  for (const [city, members] of g.basedIn) out.push({ key: `based:${city}`, title: `Companies based in ${name(city)}`, members });
  for (const [country, members] of g.citiesOf) out.push({ key: `cities:${country}`, title: `Cities in ${name(country)}`, members });
  out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return stream(seed, "generator", "plan", "categories").shuffle(out);
}

/** Kind and index within the kind of global page index `p`. */
export function pageAt(plan: SitePlan, p: number): { kind: PageKind; j: number } {
  for (let i = PAGE_KINDS.length - 1; i >= 0; i--) {
    const k = PAGE_KINDS[i] as PageKind;
    if (p >= plan.start[k] && plan.counts[k] > 0) return { kind: k, j: p - plan.start[k] };
  }
  throw new RangeError(`page index ${p} out of range`);
}

/** URL of an entity's English encyclopedia page. */
export function wikiUrl(g: EntityGraph, id: number): string {
  return `https://${WIKI_HOST}/wiki/${(g.entities[id] as { slug: string }).slug}`;
}

/** Absolute URL of page j of a kind. */
export function urlOf(plan: SitePlan, g: EntityGraph, kind: PageKind, j: number): string {
  const ent = (id: number): { name: string; slug: string } => g.entities[id] as { name: string; slug: string };
  switch (kind) {
    case "wiki":
      return wikiUrl(g, j);
    case "category":
      return `https://${WIKI_HOST}/wiki/Category:${(plan.categories[j] as Category).title.replace(/ /g, "_")}`;
    case "mirror": {
      const e = ent(plan.subject.mirror[j] as number);
      return j % 2 === 0 ? `https://${MIRROR_HOSTS[0]}/a/${e.slug}.html` : `https://${MIRROR_HOSTS[1]}/wiki/${e.slug}`;
    }
    case "foreign":
      return `https://${FOREIGN_LANGS[j % 3]}.wikiverse.org/wiki/${ent(plan.subject.foreign[j] as number).slug}`;
    case "conflict": {
      const e = ent(plan.subject.conflict[j] as number);
      const paths = ["facts", "q", "list"];
      return `https://${CONFLICT_HOSTS[j % 3]}/${paths[j % 3]}/${kebabOf(e.name)}`;
    }
    case "news": {
      const d = dayToIso(plan.day.news[j] as number).replace(/-/g, "/");
      return `https://${NEWS_HOSTS[j % 4]}/${d}/${kebabOf(ent(plan.subject.news[j] as number).name)}-${j}`;
    }
    case "blog": {
      const d = dayToIso(plan.day.blog[j] as number)
        .slice(0, 7)
        .replace("-", "/");
      const blog = plan.blogs[j % plan.blogs.length] as string;
      return `https://${blog}.blogverse.net/${d}/${kebabOf(ent(plan.subject.blog[j] as number).name)}-${j}.html`;
    }
    case "forum":
      return `https://${FORUM_HOSTS[j % 3]}/t/${kebabOf(ent(plan.subject.forum[j] as number).name)}/${10000 + j}`;
    case "directory":
      return j % 2 === 0 ? `https://www.orgdirectory-online.com/companies/page/${(j >> 1) + 1}` : `https://www.whoswho-index.net/people/page/${(j >> 1) + 1}`;
    case "registry":
      return `https://${REGISTRY_HOST}/company/${kebabOf((g.entities[plan.registryOrg[j] as number] as Org).name)}`;
    case "redirect": {
      if (j < plan.aliasPerson.length) {
        const p = g.entities[plan.aliasPerson[j] as number] as Person;
        return `https://${WIKI_HOST}/wiki/${p.given}_${p.surname}`;
      }
      const n = j - plan.aliasPerson.length;
      return `https://${NEWS_HOSTS[n % 4]}/story.php?id=${n}`;
    }
    case "notfound":
      return `https://${NEWS_HOSTS[j % 4]}/archive/removed-story-${j}.html`;
  }
}

/** Target URL of redirect page j. */
export function redirectTarget(plan: SitePlan, g: EntityGraph, j: number): string {
  if (j < plan.aliasPerson.length) return wikiUrl(g, plan.aliasPerson[j] as number);
  return urlOf(plan, g, "news", j - plan.aliasPerson.length);
}
