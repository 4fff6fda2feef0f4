/**
 * @module CDX-style capture index: `GET /cdx?url=&output=json&matchType=exact|prefix|host|domain&limit=&fl=`,
 * answering Common Crawl index fields (urlkey, timestamp, url, mime, status, digest, length, offset,
 * filename) as JSON lines (`output=json`, as the CC index server) or space-separated CDX lines.
 */
import type { PageStore } from "../pages/index.ts";
import { CdxIndex, MATCH_TYPES, type MatchType } from "./cdx-index.ts";
import { HttpError } from "./errors.ts";
import { checkUrl, intParam } from "./params.ts";
import { text } from "./reply.ts";
import type { RouteDef, RouteDeps } from "./route.ts";
import { cdxTimestamp, surt } from "./surt.ts";

/** Fields of a CDX record, in output order. */
export const CDX_FIELDS = ["urlkey", "timestamp", "url", "mime", "status", "digest", "length", "offset", "filename"] as const;
type CdxField = (typeof CDX_FIELDS)[number];
/** Most records one request returns. */
export const MAX_CDX_LIMIT = 100_000;

/**
 * The CDX route. A `*` wildcard picks the match type as pywb does: `example.com/*` → prefix,
 * `*.example.com` → domain. Every capture is the page's single stored fetch; `length` is "-" (the
 * record length is not stored). No capture → 404 `NOT_FOUND`. The SURT index is built on first use.
 */
export function cdxRoutes(deps: RouteDeps): RouteDef[] {
  let index: CdxIndex | null = null;
  return [
    {
      path: "/cdx",
      methods: {
        GET: async (ctx) => {
          const p = ctx.query(["url", "output", "matchType", "limit", "fl"]);
          let raw = p.get("url") ?? "";
          let matchType = (p.get("matchType") ?? "exact") as MatchType;
          if (!MATCH_TYPES.includes(matchType)) throw new HttpError("VALIDATION_ERROR", `matchType must be one of ${MATCH_TYPES.join(", ")}`);
          if (raw.startsWith("*.")) [raw, matchType] = [raw.slice(2), "domain"];
          else if (raw.endsWith("*")) [raw, matchType] = [raw.slice(0, -1), "prefix"];
          const url = checkUrl(raw);
          const output = p.get("output") ?? "text";
          if (output !== "json" && output !== "text" && output !== "cdx") throw new HttpError("VALIDATION_ERROR", "output must be json or text");
          const limit = intParam("limit", p.get("limit"), 1, MAX_CDX_LIMIT, 10_000);
          const fl = fields(p.get("fl"));
          await ctx.fault("cdx", url);
          index ??= CdxIndex.build(deps.web.pages);
          const ids = index.lookup(url, matchType, limit);
          if (ids.length === 0) throw new HttpError("NOT_FOUND", `No Captures found for: ${raw}`);
          const lines = ids.map((id) => {
            const rec = record(deps.web.pages, id);
            return output === "json" ? JSON.stringify(Object.fromEntries(fl.map((f) => [f, rec[f]]))) : fl.map((f) => rec[f].replace(/\s/g, "%20")).join(" ");
          });
          return text(`${lines.join("\n")}\n`, output === "json" ? "text/x-ndjson; charset=utf-8" : "text/plain; charset=utf-8");
        },
      },
    },
  ];
}

function fields(fl: string | undefined): readonly CdxField[] {
  if (fl === undefined || fl === "") return CDX_FIELDS;
  const list = fl.split(",").map((f) => f.trim());
  for (const f of list)
    if (!(CDX_FIELDS as readonly string[]).includes(f))
      throw new HttpError("VALIDATION_ERROR", `unknown field ${JSON.stringify(f.slice(0, 40))} in fl; fields are ${CDX_FIELDS.join(",")}`);
  return list as CdxField[];
}

function record(store: PageStore, id: number): Record<CdxField, string> {
  const p = store.page(id);
  return {
    urlkey: surt(p.url),
    timestamp: cdxTimestamp(p.fetchedAt),
    url: p.url,
    mime: p.mime === "" ? "unk" : p.mime,
    status: String(p.redirectTo !== null && (p.status < 300 || p.status >= 400) ? 301 : p.status),
    digest: p.digest,
    length: "-",
    offset: String(p.sourceOffset),
    filename: p.sourceFile === "" ? "-" : p.sourceFile,
  };
}
