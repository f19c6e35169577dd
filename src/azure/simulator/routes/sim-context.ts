import type { SimResource, SimState } from "../sim-state.ts";
import type { SimRequest, SimResponse } from "../sim-http.ts";

export interface PendingOperation {
  /** Polls still answered "in progress". */
  pollsLeft: number;
  /** Called once when the operation completes; returns the final body for Location polls. */
  complete(): Record<string, unknown>;
  done: boolean;
  finalBody: Record<string, unknown> | null;
}

export interface GraphQuota {
  readonly available: boolean;
  readonly quotaPerWindow: number;
  readonly windowMs: number;
  windowStart: number;
  used: number;
}

export interface SimContext {
  readonly state: SimState;
  readonly baseUrl: string;
  readonly pageSize: number;
  readonly redisPatchMode: "200" | "202";
  readonly writeMode: "200" | "202";
  readonly asyncPollsBeforeDone: number;
  readonly operations: Map<string, PendingOperation>;
  readonly graph: GraphQuota;
  /** A resource in its kind's REST shape (from the kind's `<kind>-sim.ts`), or null for other types. */
  readonly kindJson: (r: SimResource) => Record<string, unknown> | null;
  /** A resource's row in another Resource Graph table (from the kind's `graphTables`), or null. */
  readonly kindGraphRow: (table: string, r: SimResource) => Record<string, unknown> | null;
  /** The tables kinds add rows to (lower case). */
  readonly kindGraphTables: ReadonlySet<string>;
}

export type RouteHandler = (ctx: SimContext, req: SimRequest, params: readonly string[]) => SimResponse | Promise<SimResponse>;

export interface Route {
  readonly method: string;
  /** Matched case-insensitively against the path, as ARM matches. */
  readonly pattern: RegExp;
  readonly handler: RouteHandler;
}
