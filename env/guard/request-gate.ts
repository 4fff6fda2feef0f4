/** @module The checks every request and every `/ws` upgrade passes first: Host, Origin, then the token. */
import type { IncomingMessage } from "node:http";
import { clientAddress, type ClientId } from "./client-id.ts";
import { cookieToken, presentedToken, TokenSet } from "./credentials.ts";
import { GuardError } from "./errors.ts";
import { HostOriginPolicy, type HostOriginPolicyOptions } from "./host-origin-policy.ts";

/** Options of {@link RequestGate}. */
export interface RequestGateOptions extends HostOriginPolicyOptions {
  /** Token(s) a request must present (one string may list several, comma-separated); none: no token needed. */
  token?: string | readonly string[];
}

/**
 * Admits a request or throws a `GuardError`: `FORBIDDEN_HOST`, then `FORBIDDEN_ORIGIN`, then
 * `UNAUTHORIZED`. Admitted requests get their `ClientId` (address and token index) for per-client limits.
 * @example
 * const gate = new RequestGate({ token: process.env.SIMWEB_TOKEN, boundHosts: () => ["127.0.0.1"] });
 * const client = gate.admit(req, "q=a&token=…"); // → { address: "127.0.0.1", token: 0 }
 */
export class RequestGate {
  /** The configured tokens (null: none needed). */
  readonly tokens: TokenSet | null;
  private readonly policy: HostOriginPolicy;

  constructor(opts: RequestGateOptions = {}) {
    this.tokens = TokenSet.from(opts.token);
    this.policy = new HostOriginPolicy(opts);
  }

  /**
   * Checks `req` (its query string without `?` in `search`) and returns who it comes from. With
   * `cookie`, a request that presents no token in the other forms may present it in the viewer's cookie.
   */
  admit(req: IncomingMessage, search: string, opts: { cookie?: boolean } = {}): ClientId {
    this.policy.checkHost(req.headers);
    this.policy.checkOrigin(req.headers);
    const address = clientAddress(req.socket.remoteAddress);
    if (this.tokens === null) return { address, token: null };
    const presented = presentedToken(req.headers, search) ?? (opts.cookie === true ? cookieToken(req.headers) : null);
    const token = this.tokens.match(presented);
    if (token < 0) {
      throw new GuardError(
        "UNAUTHORIZED",
        "missing or wrong token: send Authorization: Bearer <token> (or X-API-KEY: <token>; ?token=<token> works too, but lands in logs and history)",
      );
    }
    return { address, token };
  }
}
