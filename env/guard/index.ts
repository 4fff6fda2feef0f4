/** @module Public surface of the request guard: tokens, Host/Origin checks, client identity, admission control. */
export { GuardError, GUARD_STATUS } from "./errors.ts";
export type { GuardErrorCode } from "./errors.ts";
export { cookieToken, presentedToken, tokenCookie, withoutTokenParam, splitTokens, tokenMatches, TokenSet, TOKEN_COOKIE, TOKEN_PARAM } from "./credentials.ts";
export { HostOriginPolicy } from "./host-origin-policy.ts";
export type { HostOriginPolicyOptions } from "./host-origin-policy.ts";
export { clientAddress } from "./client-id.ts";
export type { ClientId } from "./client-id.ts";
export { RequestGate } from "./request-gate.ts";
export type { RequestGateOptions } from "./request-gate.ts";
export { LoadShedder } from "./load-shedder.ts";
export type { LoadShedderOptions, ShedStats } from "./load-shedder.ts";
