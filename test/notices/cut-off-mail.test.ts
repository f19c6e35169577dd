import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { looksCutOff } from "../../src/notices/mime/cut-off-mail.ts";

const CORPUS = new URL("corpus/", import.meta.url);
const files = readdirSync(CORPUS).filter((f) => /\.(eml|txt)$/.test(f));
const bytes = (name: string) => new Uint8Array(readFileSync(new URL(name, CORPUS)));

describe("looksCutOff", () => {
  it("takes no complete mail and no pasted text for a cut-off one", () => {
    for (const f of files) expect(looksCutOff(bytes(f)), f).toBe(false);
  });

  it("sees a multipart mail without its closing boundary, and headers that never end", () => {
    const multipart = bytes("en-storage-qp.eml");
    expect(looksCutOff(multipart.subarray(0, Math.floor(multipart.byteLength * 0.8)))).toBe(true);
    const mail = new TextEncoder().encode("From: Microsoft Azure <azure-noreply@microsoft.com>\r\nMessage-ID: <a@b>\r\nAuthentication-Res");
    expect(looksCutOff(mail)).toBe(true);
    expect(looksCutOff(new TextEncoder().encode("Subject: TLS 1.0 retirement\nAzure Cache for Redis will retire TLS 1.0"))).toBe(false);
  });
});
