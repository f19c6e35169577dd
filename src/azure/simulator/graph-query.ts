/**
 * The small subset of KQL the simulator's Resource Graph understands — what tlsbot sends, nothing more:
 * `Table | where col in~ ('a', 'b') | where col =~ 'x' | where col == 'x' | project a, b | order by c asc | limit n`.
 * Anything else is rejected as Resource Graph rejects an invalid query, so a query tlsbot cannot run on
 * Azure does not pass here either.
 */
export type Row = Record<string, unknown>;

export interface GraphQuery {
  readonly table: string;
  readonly steps: ReadonlyArray<(rows: Row[]) => Row[]>;
}

export class InvalidQueryError extends Error {}

function splitTopLevel(text: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let current = "";
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === "(") depth++;
    else if (ch === ")") depth--;
    else if (ch === sep && depth === 0) {
      parts.push(current.trim());
      current = "";
      continue;
    }
    current += ch;
  }
  if (quote || depth !== 0) throw new InvalidQueryError("unbalanced quotes or parentheses");
  parts.push(current.trim());
  return parts;
}

function literal(text: string): string {
  const m = /^(['"])(.*)\1$/s.exec(text.trim());
  if (!m) throw new InvalidQueryError(`expected a string literal, got ${text.trim()}`);
  return m[2] ?? "";
}

/** `properties.minimumTlsVersion` style paths. */
function valueAt(row: Row, path: string): unknown {
  let v: unknown = row;
  for (const part of path.split(".")) {
    if (!v || typeof v !== "object") return undefined;
    v = (v as Row)[part];
  }
  return v;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_.]*$/;

function whereStep(expr: string): (rows: Row[]) => Row[] {
  let m = /^([A-Za-z_][\w.]*)\s+(in~|in|!in~|!in)\s*\((.*)\)$/s.exec(expr);
  if (m) {
    const [, col, op, list] = m as unknown as [string, string, string, string];
    const ci = op.endsWith("~");
    const values = splitTopLevel(list, ",").map(literal).map((v) => (ci ? v.toLowerCase() : v));
    const negate = op.startsWith("!");
    return (rows) => rows.filter((r) => {
      const v = String(valueAt(r, col) ?? "");
      return values.includes(ci ? v.toLowerCase() : v) !== negate;
    });
  }
  m = /^([A-Za-z_][\w.]*)\s*(=~|==|!=|!~)\s*(.+)$/s.exec(expr);
  if (m) {
    const [, col, op, lit] = m as unknown as [string, string, string, string];
    const want = literal(lit);
    const ci = op.endsWith("~");
    const equal = (v: string) => (ci ? v.toLowerCase() === want.toLowerCase() : v === want);
    return (rows) => rows.filter((r) => equal(String(valueAt(r, col) ?? "")) === op.startsWith("="));
  }
  throw new InvalidQueryError(`unsupported where clause: ${expr}`);
}

function projectStep(list: string): (rows: Row[]) => Row[] {
  const cols = splitTopLevel(list, ",");
  for (const c of cols) if (!IDENT.test(c)) throw new InvalidQueryError(`unsupported projection: ${c}`);
  return (rows) => rows.map((r) => Object.fromEntries(cols.map((c) => [c.split(".").pop() ?? c, valueAt(r, c) ?? null])));
}

function orderStep(spec: string): (rows: Row[]) => Row[] {
  const m = /^([A-Za-z_][\w.]*)(?:\s+(asc|desc))?$/i.exec(spec);
  if (!m) throw new InvalidQueryError(`unsupported order by: ${spec}`);
  const col = m[1] as string;
  const dir = (m[2] ?? "desc").toLowerCase() === "asc" ? 1 : -1; // KQL sorts descending by default
  return (rows) => [...rows].sort((a, b) => {
    const x = String(valueAt(a, col) ?? "");
    const y = String(valueAt(b, col) ?? "");
    return x < y ? -dir : x > y ? dir : 0;
  });
}

export function parseGraphQuery(query: string): GraphQuery {
  const [table, ...ops] = splitTopLevel(query, "|");
  if (!table || !IDENT.test(table)) throw new InvalidQueryError("a query starts with a table name");
  const steps = ops.map((op) => {
    const m = /^(where|project|order\s+by|sort\s+by|limit|take)\s+(.+)$/is.exec(op);
    if (!m) throw new InvalidQueryError(`unsupported operator: ${op.split(/\s/)[0] ?? op}`);
    const verb = (m[1] as string).toLowerCase().replace(/\s+/g, " ");
    const rest = (m[2] as string).trim();
    if (verb === "where") return whereStep(rest);
    if (verb === "project") return projectStep(rest);
    if (verb === "limit" || verb === "take") {
      const n = Number(rest);
      if (!Number.isInteger(n) || n < 0) throw new InvalidQueryError(`bad limit: ${rest}`);
      return (rows: Row[]) => rows.slice(0, n);
    }
    return orderStep(rest);
  });
  return { table, steps };
}

export function runGraphQuery(q: GraphQuery, rows: Row[]): Row[] {
  return q.steps.reduce((acc, step) => step(acc), rows);
}
