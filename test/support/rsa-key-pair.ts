import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";

/**
 * An RSA key pair for signing test tokens, as key objects of their own. Node 20 can deadlock when a key object made by
 * `generateKeyPairSync` is exported or used while a garbage collection frees the generation job that shares its lock
 * (seen once in a CI run: the worker hung in `ExportJWKRsaKey` → GC → `~KeyGenJob`). Generating PEM text and reading it
 * back gives keys that share nothing with the job.
 */
export function rsaKeyPair(): { privateKey: KeyObject; publicKey: KeyObject } {
  const pem = generateKeyPairSync("rsa", { modulusLength: 2048, publicKeyEncoding: { type: "spki", format: "pem" }, privateKeyEncoding: { type: "pkcs8", format: "pem" } });
  return { privateKey: createPrivateKey(pem.privateKey), publicKey: createPublicKey(pem.publicKey) };
}
