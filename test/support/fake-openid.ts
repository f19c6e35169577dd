import { sign, type KeyObject } from "node:crypto";
import { rsaKeyPair } from "./rsa-key-pair.ts";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeOpenId {
  readonly metadataUrl: string;
  /** A Bot Framework channel token signed with this fake's key. */
  token(claims: Record<string, unknown>, opts?: { kid?: string; key?: KeyObject }): string;
  close(): Promise<void>;
}

/**
 * Bot Framework's OpenID metadata and signing keys, served locally with a key of our own: botbuilder then
 * validates real RS256 signatures without the network. Keys are endorsed for msteams, as Microsoft's are.
 */
export async function startFakeOpenId(): Promise<FakeOpenId> {
  const { privateKey, publicKey } = rsaKeyPair();
  const jwk = publicKey.export({ format: "jwk" }) as { n: string; e: string };
  let base = "";
  const server: Server = createServer((req, res) => {
    const json = (body: unknown) => void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
    if (req.url === "/v1/.well-known/openidconfiguration") return json({ issuer: "https://api.botframework.com", jwks_uri: `${base}/v1/.well-known/keys`, id_token_signing_alg_values_supported: ["RS256"], token_endpoint_auth_methods_supported: ["private_key_jwt"] });
    if (req.url === "/v1/.well-known/keys") return json({ keys: [{ kty: "RSA", use: "sig", kid: "test-key", n: jwk.n, e: jwk.e, endorsements: ["msteams", "webchat"] }] });
    res.writeHead(404).end();
    return undefined;
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    metadataUrl: `${base}/v1/.well-known/openidconfiguration`,
    token(claims, opts = {}) {
      const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
      const now = Math.floor(Date.now() / 1000);
      const input = `${enc({ alg: "RS256", typ: "JWT", kid: opts.kid ?? "test-key" })}.${enc({ iss: "https://api.botframework.com", nbf: now - 60, exp: now + 3600, ...claims })}`;
      return `${input}.${sign("RSA-SHA256", Buffer.from(input), opts.key ?? privateKey).toString("base64url")}`;
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
