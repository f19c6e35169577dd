/** The only thing the SQL store needs from a database driver; PGlite and pg each implement it in their folder. */
export interface SqlExecutor {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<{ rows: T[] }>;
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /**
   * PostgreSQL only: a session advisory lock held on a connection of its own until released, or until
   * the process dies and the server drops the session. Replicas tell a live scan from an orphan this way.
   * PGlite has a single process by construction (the data directory lock) and leaves both out.
   */
  holdLock?(space: number, key: number): Promise<{ release(): Promise<void> }>;
  /** Whether no session holds that lock now. */
  lockFree?(space: number, key: number): Promise<boolean>;
}
