/** Why a file could not be used, as `errors:fileProblem.*` says it: a system code ("ENOENT") tells a reader nothing. */
export type FileProblem = "notFound" | "noPermission" | "isFolder" | "syntax" | "notAnObject" | "other";

export function fileProblemOf(err: unknown): { problem: FileProblem; reason: string } {
  const e = err as { code?: unknown; message?: unknown };
  const code = typeof e.code === "string" ? e.code : undefined;
  const problem: FileProblem = code === "ENOENT" ? "notFound" : code === "EACCES" || code === "EPERM" ? "noPermission" : code === "EISDIR" ? "isFolder" : "other";
  return { problem, reason: code ?? (typeof e.message === "string" ? e.message : String(err)) };
}
