/** @module The contract between the server and its route groups: request context, handlers, deps. */
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import type { FaultDraw } from "../faults/index.ts";
import type { ClientId } from "../guard/index.ts";
import type { SimWeb } from "../simweb/index.ts";
import type { HttpMetrics } from "./metrics.ts";
import type { Reply } from "./reply.ts";
import type { RequestFaults } from "./request-faults.ts";
import type { RetrieveOptions } from "./retrieve-options.ts";

/** Per-request view given to handlers. */
export interface RequestContext {
  req: IncomingMessage;
  method: string;
  /** Path without the query string. */
  path: string;
  /** Raw query string without `?` and without the `token` parameter ("" when none). */
  search: string;
  /** Who sent the request (remote address, token index), as admitted by the request gate. */
  client: ClientId;
  headers: IncomingHttpHeaders;
  /** Extra response headers (faults write theirs here); merged into the reply. */
  out: Record<string, string>;
  /** Reads the body (size and media type checked). */
  body(): Promise<Buffer>;
  /** Query parameters, only `allowed` names accepted. */
  query(allowed: readonly string[]): Map<string, string>;
  /** Applies the fault model for fault route `route` under `key` (see `RequestFaults.apply`). */
  fault(route: string, key: string): Promise<FaultDraw | null>;
  /** True when the client asked for JSON (`Accept: application/json` first). */
  wantsJson(): boolean;
}

/** A route handler. */
export type Handler = (ctx: RequestContext) => Reply | Promise<Reply>;

/** One path and its handlers by method (`GET` also answers `HEAD`). */
export interface RouteDef {
  path: string;
  methods: Partial<Record<"GET" | "POST", Handler>>;
}

/** Limits of the server. */
export interface ServerLimits {
  maxBodyBytes: number;
  /** Most queries or URLs in one batch request. */
  maxBatch: number;
}

/** What route groups are built from. */
export interface RouteDeps {
  web: SimWeb;
  faults: RequestFaults;
  metrics: HttpMetrics;
  limits: ServerLimits;
  /** How `/retrieve` answers (unit, in-band faults, peer workers, size bound). */
  retrieve?: RetrieveOptions;
  /** The corpus digest this replica must serve: another one makes `/healthz` answer 503 `wrong_corpus`. */
  expectCorpusDigest?: string;
}
