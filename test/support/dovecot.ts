import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mkdtempSync } from "node:fs";

export interface RunningDovecot {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  close(): Promise<void>;
}

export type DovecotAvailability = { ok: true; binary: string } | { ok: false; reason: string };

const BINARY = process.env["TLSBOT_TEST_DOVECOT"] ?? "/usr/sbin/dovecot";

/** Whether Debian's dovecot is installed. Under CI a missing server fails the run instead of skipping. */
export function dovecotAvailability(): DovecotAvailability {
  if (existsSync(BINARY)) return { ok: true, binary: BINARY };
  const reason = `no IMAP server: ${BINARY} not found (apt-get install dovecot-imapd)`;
  if (process.env["CI"]) throw new Error(`CI requires dovecot: ${reason}`);
  console.warn(`skipping IMAP tests: ${reason}`);
  return { ok: false, reason };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

function idOf(flag: "-u" | "-g", user: string): number {
  return Number(execFileSync("id", [flag, user], { encoding: "utf8" }).trim());
}

/**
 * A private dovecot on 127.0.0.1 with one user and a Maildir in a temp directory: the real IMAP server a
 * user's mailbox would be, without TLS (loopback only) so the test needs no certificates.
 */
export async function startDovecot(binary: string): Promise<RunningDovecot> {
  const dir = mkdtempSync(join(tmpdir(), "tlsbot-dovecot-"));
  const port = await freePort();
  const root = process.getuid?.() === 0;
  // Dovecot refuses to run mail processes as root; as root, use the package's own unprivileged user.
  const uid = root ? idOf("-u", "dovecot") : (process.getuid?.() ?? 1000);
  const gid = root ? idOf("-g", "dovecot") : (process.getgid?.() ?? 1000);
  const user = process.env["USER"] && !root ? process.env["USER"] : "dovecot";
  // Dovecot's auth and mail processes run as the unprivileged user: they must be able to enter the directory.
  chmodSync(dir, 0o755);
  for (const d of ["run", "state", "mail", "home"]) mkdirSync(join(dir, d), { recursive: true, mode: 0o755 });
  if (root) for (const d of ["mail", "home"]) chownSync(join(dir, d), uid, gid);
  writeFileSync(join(dir, "users"), "notices:{PLAIN}imap-test-password\n");
  writeFileSync(join(dir, "dovecot.conf"), `
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${dir}/mail/%u
default_internal_user = ${user}
default_login_user = ${root ? "dovenull" : user}
first_valid_uid = 1
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = static
  args = uid=${uid} gid=${gid} home=${dir}/home/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service stats {
  unix_listener stats-reader {
    mode = 0666
  }
  unix_listener stats-writer {
    mode = 0666
  }
}
`);
  const child: ChildProcess = spawn(binary, ["-F", "-c", join(dir, "dovecot.conf")], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  await waitForPort(port, child, () => stderr);
  return {
    host: "127.0.0.1", port, user: "notices", password: "imap-test-password",
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitForPort(port: number, child: ChildProcess, stderr: () => string): Promise<void> {
  const { connect } = await import("node:net");
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`dovecot exited with ${child.exitCode}: ${stderr()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, "127.0.0.1");
      s.once("connect", () => { s.destroy(); resolve(true); });
      s.once("error", () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`dovecot did not listen on ${port}: ${stderr()}`);
}
