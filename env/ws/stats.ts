/** @module Counters of a transport (sessions, messages, errors by code) for the HTTP layer's Prometheus text. */
import type { EnvErrorCode } from "../episode/index.ts";
import type { GuardErrorCode } from "../guard/index.ts";

/** Codes counted in `errorsTotal`: error replies, and refused upgrades (`FORBIDDEN_*`, `UNAUTHORIZED`, `OVERLOADED`). */
export type CountedCode = EnvErrorCode | GuardErrorCode;

/**
 * Why sessions were closed by the server or the client: `idle` also counts connections that never
 * reset within the no-reset timeout; `limit` counts connections refused for their client's limit.
 */
export type CloseReason = "client" | "idle" | "heartbeat" | "capacity" | "limit" | "shutdown";

/** A snapshot of a transport's counters (totals are monotonic since start). */
export interface TransportStats {
  /** Open connections (WebSocket) or live sessions (HTTP mirror). */
  activeConnections: number;
  /** Session slots (episodes) held now, and the global capacity. */
  activeSessions: number;
  maxSessions: number;
  /** Client messages handled (requests for the HTTP mirror). */
  messagesTotal: number;
  /** Error replies by code. */
  errorsTotal: Partial<Record<CountedCode, number>>;
  /** Connections or sessions ended, by reason. */
  closedTotal: Record<CloseReason, number>;
}

/** Mutable counters behind `TransportStats`. */
export class StatsCounter {
  activeConnections = 0;
  messagesTotal = 0;
  private readonly errors: Partial<Record<CountedCode, number>> = {};
  private readonly closed: Record<CloseReason, number> = { client: 0, idle: 0, heartbeat: 0, capacity: 0, limit: 0, shutdown: 0 };

  /** Counts one error reply. */
  error(code: CountedCode): void {
    this.errors[code] = (this.errors[code] ?? 0) + 1;
  }

  /** Counts one closed connection or session. */
  closedFor(reason: CloseReason): void {
    this.closed[reason]++;
  }

  /** A snapshot; `activeSessions`/`maxSessions` come from the slot pool. */
  snapshot(slots: { used: number; max: number }): TransportStats {
    return {
      activeConnections: this.activeConnections,
      activeSessions: slots.used,
      maxSessions: slots.max,
      messagesTotal: this.messagesTotal,
      errorsTotal: { ...this.errors },
      closedTotal: { ...this.closed },
    };
  }
}
