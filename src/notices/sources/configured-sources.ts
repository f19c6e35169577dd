import { readFileSync } from "node:fs";
import type { TokenCredential } from "@azure/core-auth";
import type { ArmClients } from "../../azure/arm-clients.ts";
import { isLoopbackUrl } from "../../domain/loopback.ts";
import { StaticTokenCredential } from "../../azure/static-token-credential.ts";
import type { Config } from "../../config/load-config.ts";
import { TlsbotError } from "../../domain/errors.ts";
import { dropFolderSource } from "./folder/drop-folder-source.ts";
import { graphMailSource } from "./graph/graph-mail-source.ts";
import { imapSource } from "./imap/imap-source.ts";
import type { MailSource } from "./mail-source.ts";
import { serviceHealthSource } from "./service-health/service-health-source.ts";
import { advisorSource } from "./advisor/advisor-source.ts";

import type { SourceKind } from "./source-kinds.ts";
export { SOURCE_KINDS, type SourceKind } from "./source-kinds.ts";

/** DefaultAzureCredential, loaded on the first token request: identity pulls in MSAL, which `serve` otherwise never needs. */
function lazyDefaultCredential(): TokenCredential {
  let credential: Promise<TokenCredential> | null = null;
  return {
    async getToken(scopes, options) {
      credential ??= import("@azure/identity").then((m) => new m.DefaultAzureCredential());
      return (await credential).getToken(scopes, options);
    },
  };
}

/**
 * The mail sources the configuration enables. `only` asks for one kind and fails clearly when it is not
 * configured; without it, every configured source is returned.
 */
export function configuredSources(config: Config, clients: () => ArmClients, only?: SourceKind): MailSource[] {
  const out: MailSource[] = [];
  const want = (k: SourceKind) => !only || only === k;
  const missing = (k: SourceKind, settings: string) => {
    if (only === k) throw new TlsbotError("mailSourceNotConfigured", { source: k, settings });
  };
  if (want("folder")) {
    if (config.mail.dropDir) out.push(dropFolderSource(config.mail.dropDir));
    else missing("folder", "TLSBOT_DROP_DIR");
  }
  if (want("imap")) {
    const { host, user, password } = config.imap;
    if (host && user && password) out.push(imapSource({ ...config.imap, host, user, password }));
    else missing("imap", "TLSBOT_IMAP_HOST, TLSBOT_IMAP_USER, TLSBOT_IMAP_PASSWORD");
  }
  if (want("graph")) {
    const g = config.graphMail;
    if (g.user) {
      if (g.token && !isLoopbackUrl(g.endpoint)) throw new TlsbotError("staticTokenNotLoopback", { endpoint: g.endpoint });
      out.push(graphMailSource({
        endpoint: g.endpoint, user: g.user, folder: g.folder,
        credential: g.token ? new StaticTokenCredential(g.token) : lazyDefaultCredential(),
        scope: `${new URL(g.endpoint).origin}/.default`,
        ca: g.caFile ? readFileSync(g.caFile, "utf8") : undefined,
      }));
    } else missing("graph", "TLSBOT_GRAPH_MAIL_USER");
  }
  if (want("service-health") && (config.serviceHealth.enabled || only === "service-health")) {
    out.push(serviceHealthSource(clients(), config.subscriptionIds));
  }
  if (want("advisor") && (config.advisor.enabled || only === "advisor")) {
    out.push(advisorSource(clients(), config.subscriptionIds));
  }
  return out;
}
