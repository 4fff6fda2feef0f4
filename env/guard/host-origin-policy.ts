/**
 * @module The `Host` and `Origin` checks that keep browser pages off the server: a DNS-rebinding page
 * sends a `Host` that is a hostname of its own (refused unless loopback, an IP literal, the bound name
 * or `--allow-host`), and a cross-origin page sends its `Origin` (refused unless loopback, the bound
 * address, same-origin or `--allow-origin`). Clients that are not browsers send no `Origin`.
 */
import type { IncomingHttpHeaders } from "node:http";
import { isIP } from "node:net";
import { GuardError } from "./errors.ts";

/** Options of {@link HostOriginPolicy}. */
export interface HostOriginPolicyOptions {
  /** More `Host` names to accept: exact names, `*.example.com` (any subdomain), or `*` (any host). */
  allowHosts?: readonly string[];
  /** More origins to accept: exact origins (`https://nb.example.com:8443`), or `*` (any origin). */
  allowOrigins?: readonly string[];
  /** The names and addresses the server is bound to, read at check time (the listen address is known late). */
  boundHosts?: () => readonly (string | undefined)[];
}

/**
 * Checks a request's `Host` and `Origin` headers.
 * @example
 * const policy = new HostOriginPolicy({ allowHosts: ["simweb.internal"] });
 * policy.checkHost({ host: "127.0.0.1:8080" }); // ok
 * policy.checkHost({ host: "rebind.evil.example:8080" }); // throws GuardError FORBIDDEN_HOST
 * policy.checkOrigin({ host: "127.0.0.1:8080", origin: "https://evil.example" }); // throws FORBIDDEN_ORIGIN
 */
export class HostOriginPolicy {
  private readonly anyHost: boolean;
  private readonly hosts: Set<string>;
  private readonly hostSuffixes: string[];
  private readonly anyOrigin: boolean;
  private readonly origins: Set<string>;
  private readonly bound: () => readonly (string | undefined)[];

  constructor(opts: HostOriginPolicyOptions = {}) {
    const hosts = (opts.allowHosts ?? []).map((h) => hostName(h.trim())).filter((h) => h !== "");
    this.anyHost = hosts.includes("*");
    this.hostSuffixes = hosts.filter((h) => h.startsWith("*.")).map((h) => h.slice(1));
    this.hosts = new Set(hosts.filter((h) => !h.startsWith("*")));
    const origins = (opts.allowOrigins ?? []).map((o) => o.trim()).filter((o) => o !== "");
    this.anyOrigin = origins.includes("*");
    this.origins = new Set(origins.filter((o) => o !== "*").map((o) => normalOrigin(o) ?? o));
    this.bound = opts.boundHosts ?? (() => []);
  }

  /** Throws `FORBIDDEN_HOST` unless the `Host` header is absent (HTTP/1.0) or accepted. */
  checkHost(headers: IncomingHttpHeaders): void {
    const raw = headers.host;
    if (raw === undefined || this.anyHost) return;
    const name = hostName(raw);
    if (isIP(name) !== 0 || isLoopbackName(name) || this.hosts.has(name) || this.hostSuffixes.some((s) => name.endsWith(s))) return;
    if (this.boundNames().includes(name)) return;
    throw new GuardError(
      "FORBIDDEN_HOST",
      `Host ${JSON.stringify(raw.slice(0, 200))} is not served: by default only loopback names, IP literals and the bound address are ` +
        `(a guard against DNS rebinding); start the server with --allow-host ${name.slice(0, 200) || "<name>"} to serve this name`,
    );
  }

  /** Throws `FORBIDDEN_ORIGIN` unless the `Origin` header is absent (not a browser) or accepted. */
  checkOrigin(headers: IncomingHttpHeaders): void {
    const raw = headers.origin;
    if (raw === undefined || this.anyOrigin) return;
    const origin = normalOrigin(raw);
    if (origin !== null) {
      if (this.origins.has(origin)) return;
      const url = new URL(origin);
      const name = hostName(url.hostname);
      if (isLoopbackName(name) || isLoopbackIp(name)) return;
      if (
        this.boundNames()
          .filter((b) => b !== "0.0.0.0" && b !== "::")
          .includes(name)
      )
        return;
      if (headers.host !== undefined && url.host === headers.host.toLowerCase()) return; // same origin (its Host passed checkHost)
    }
    throw new GuardError(
      "FORBIDDEN_ORIGIN",
      `cross-origin request from the browser page at ${JSON.stringify(raw.slice(0, 200))} refused: only pages on loopback or the bound ` +
        `address may drive this server; start it with --allow-origin ${origin ?? "<origin>"} to allow that page`,
    );
  }

  private boundNames(): string[] {
    return this.bound()
      .filter((b): b is string => b !== undefined && b !== "")
      .map(hostName);
  }
}

/** `Host`-style `name[:port]` or `[v6]:port` → the lowercase name, brackets and one trailing dot removed. */
function hostName(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.startsWith("[")) {
    const end = h.indexOf("]");
    return end < 0 ? h : h.slice(1, end);
  }
  if (isIP(h) === 6) return h;
  const colon = h.lastIndexOf(":");
  if (colon >= 0 && /^\d*$/.test(h.slice(colon + 1))) h = h.slice(0, colon);
  return h.endsWith(".") ? h.slice(0, -1) : h;
}

/** `localhost` and its subdomains (browsers resolve them to loopback themselves, RFC 6761). */
function isLoopbackName(name: string): boolean {
  return name === "localhost" || name.endsWith(".localhost");
}

function isLoopbackIp(name: string): boolean {
  return name === "::1" || (isIP(name) === 4 && name.startsWith("127."));
}

/** An http(s) origin in canonical form (`scheme://host[:port]`, default port dropped), else null ("null", junk). */
function normalOrigin(origin: string): string | null {
  try {
    const u = new URL(origin);
    if (u.protocol !== "http:" && u.protocol !== "https:") return null;
    return `${u.protocol}//${u.host}`;
  } catch {
    return null;
  }
}
