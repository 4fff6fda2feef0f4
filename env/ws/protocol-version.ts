/**
 * @module The wire protocol's version: `MAJOR.MINOR`, sent on every WebSocket upgrade (`X-Simweb-Protocol`)
 * and in `GET /healthz` (`protocol_version`). A client built for `M.m` works with a server `M.n` where n ≥ m:
 * a minor bump only adds messages or fields, a major bump changes or removes them.
 */

/** The protocol this server speaks. The Python client's version starts with it (`simweb-client 1.0.x`). */
export const PROTOCOL_VERSION = "1.0";

/** The upgrade response header that carries `PROTOCOL_VERSION`. */
export const PROTOCOL_HEADER = "X-Simweb-Protocol";
