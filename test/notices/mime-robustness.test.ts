import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseNotice } from "../../src/notices/parse-notice.ts";
import { htmlToText } from "../../src/notices/mime/html-to-text.ts";
import { CORPUS_DIR, loadExpectations } from "./corpus-accuracy.ts";

const corpus = Object.keys(loadExpectations()).map((f) => readFileSync(join(CORPUS_DIR, f)));

/**
 * A guard against run time that explodes on malformed input (a pattern that backtracks over a run of bytes takes seconds
 * to minutes), not a speed measurement: a corpus mail parses in ≈ 1.5 ms, and `npm run bench mail` measures speed. A
 * bound of 100 ms failed once on a busy 2-core machine (101.8 ms: a pause, not the parser), so the bound is a second.
 */
const HANG_MS = 1_000;

async function timedParse(bytes: Uint8Array): Promise<number> {
  const start = performance.now();
  await parseNotice(bytes);
  return performance.now() - start;
}

describe("MIME robustness (property-based)", () => {
  it("never throws and never hangs on mutated corpus mails", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...corpus),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 40 }),
        fc.option(fc.nat(), { nil: undefined }),
        async (original, flips, cut) => {
          const bytes = Uint8Array.from(original);
          for (const [pos, value] of flips) bytes[pos % bytes.length] = value;
          const input = cut === undefined ? bytes : bytes.subarray(0, cut % (bytes.length + 1));
          expect(await timedParse(input)).toBeLessThan(HANG_MS);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("never throws on arbitrary bytes or arbitrary text with MIME-looking headers", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), async (bytes) => {
        expect(await timedParse(bytes)).toBeLessThan(HANG_MS);
      }),
      { numRuns: 200 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 200 }), fc.constantFrom("utf-8", "iso-2022-jp", "shift_jis", "x-unknown", "", "utf-7"),
        fc.constantFrom("base64", "quoted-printable", "7bit", "x-bogus"), fc.string({ unit: "grapheme", maxLength: 2000 }),
        async (subject, charset, cte, body) => {
          const mail = `From: a@b.example\r\nSubject: ${subject.replace(/[\r\n]/g, " ")}\r\nContent-Type: text/html; charset="${charset}"\r\nContent-Transfer-Encoding: ${cte}\r\n\r\n${body}`;
          expect(await timedParse(new TextEncoder().encode(mail))).toBeLessThan(HANG_MS);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("bad input", () => {
  it("refuses a mail over the size cap with a clear error, without reading it", async () => {
    const big = new Uint8Array(11 * 1024 * 1024);
    await expect(parseNotice(big)).rejects.toMatchObject({ code: "noticeTooLarge", params: { size: big.byteLength, max: 10 * 1024 * 1024 } });
    await expect(parseNotice(new Uint8Array(2048), { maxBytes: 1024 })).rejects.toMatchObject({ code: "noticeTooLarge" });
  });

  it("reads a mail whose 8 MB attachment it ignores", async () => {
    const attachment = Buffer.alloc(6 * 1024 * 1024, 65).toString("base64");
    const mail = [
      "From: Microsoft Azure <azure-noreply@microsoft.com>", "Subject: Action required: IoT Hub TLS 1.0 retirement", 'Content-Type: multipart/mixed; boundary="b1"', "",
      "--b1", "Content-Type: text/plain; charset=utf-8", "", "IoT Hub will end support for TLS 1.0 and 1.1 on 31 August 2025.",
      "--b1", 'Content-Type: application/octet-stream; name="dump.bin"', "Content-Transfer-Encoding: base64", "", attachment, "--b1--", "",
    ].join("\r\n");
    const n = await parseNotice(new TextEncoder().encode(mail));
    expect(n.deadline).toBe("2025-08-31");
    expect(n.warnings).toEqual(["attachments ignored: 1"]);
  });

  it("reads HTML with scripts as text without running or keeping them", () => {
    const text = htmlToText('<p>Hello<script>document.location="https://evil.example"</script> <img src=x onerror="alert(1)">world</p><style>p{}</style>');
    expect(text).toBe("Hello world");
  });

  it("reads a truncated mail and a mail with a wrong charset label", async () => {
    const file = readFileSync(join(CORPUS_DIR, "en-redis-action-required.eml"));
    const truncated = await parseNotice(file.subarray(0, Math.floor(file.length * 0.6)));
    expect(truncated.subject).toContain("Azure Cache for Redis");
    const mislabelled = "From: azure-noreply@microsoft.com\r\nSubject: x\r\nContent-Type: text/plain; charset=klingon\r\n\r\nTLS 1.0 retires on 1 March 2025.";
    const n = await parseNotice(new TextEncoder().encode(mislabelled));
    expect(n.text).toContain("TLS 1.0 retires on 1 March 2025");
  });
});
