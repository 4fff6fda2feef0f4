/** @module Who a request comes from, for per-client session limits: its remote address (IPv6 by /64) and token. */
import { isIPv4, isIPv6 } from "node:net";

/**
 * A client's identity: `address` is the remote address, normalised (`::ffff:1.2.3.4` → `1.2.3.4`; an
 * IPv6 address other than `::1` → its /64, since one host usually holds a whole /64), and `token` the
 * index of the configured token it presented (null when the server needs none).
 */
export interface ClientId {
  address: string;
  token: number | null;
}

/**
 * The address key of a socket's remote address.
 * @example
 * clientAddress("::ffff:127.0.0.1"); // → "127.0.0.1"
 * clientAddress("2001:db8:1:2:aa:bb:cc:dd"); // → "2001:db8:1:2::/64"
 */
export function clientAddress(remote: string | undefined): string {
  if (remote === undefined || remote === "") return "unknown";
  const addr = remote.split("%", 1)[0] ?? remote; // drop a zone id (fe80::1%eth0)
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(addr);
  if (mapped?.[1] !== undefined) return mapped[1];
  if (isIPv4(addr) || !isIPv6(addr)) return addr;
  const groups = expandIPv6(addr);
  if (groups.every((g, i) => g === (i === 7 ? 1 : 0))) return "::1";
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(":")}::/64`;
}

/** The eight 16-bit groups of an IPv6 address (valid input, checked by the caller). */
function expandIPv6(addr: string): number[] {
  let s = addr.toLowerCase();
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(s);
  if (v4 !== null) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    s = `${s.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = s.split("::");
  const h = head === "" ? [] : head.split(":");
  const t = tail === undefined || tail === "" ? [] : tail.split(":");
  const zeros = tail === undefined ? [] : Array.from({ length: 8 - h.length - t.length }, () => "0");
  return [...h, ...zeros, ...t].map((g) => parseInt(g, 16));
}
