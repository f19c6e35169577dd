import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { deflateRawSync } from "node:zlib";

/**
 * Builds the Teams app package (dist/tlsbot-teams.zip) from manifest/: the manifest, its ja localization and
 * the two icons at the zip root, as Teams expects. `MicrosoftAppId=<guid> npm run package:teams` puts the
 * bot's app id in place of the placeholder GUID (the committed manifest keeps a valid GUID so it validates).
 */

export const PLACEHOLDER_APP_ID = "00000000-0000-0000-0000-000000000000";
export const PACKAGE_FILES = ["manifest.json", "ja.json", "color.png", "outline.png"] as const;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MANIFEST_DIR = fileURLToPath(new URL("../manifest/", import.meta.url));

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of data) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** manifest.json with `id` and `bots[0].botId` set to the app id (both hold the placeholder in the repository). */
export function manifestFor(manifestText: string, appId?: string): string {
  if (appId === undefined) return manifestText;
  if (!GUID.test(appId)) throw new Error(`MicrosoftAppId must be the bot's app (client) id, a GUID like ${PLACEHOLDER_APP_ID}; got "${appId}"`);
  const occurrences = manifestText.split(PLACEHOLDER_APP_ID).length - 1;
  if (occurrences !== 2) throw new Error(`manifest/manifest.json should hold the placeholder ${PLACEHOLDER_APP_ID} twice (id and bots[0].botId), found ${occurrences}`);
  return manifestText.replaceAll(PLACEHOLDER_APP_ID, appId);
}

/** A stored-or-deflated zip (no zip64, no data descriptors), with a fixed timestamp so builds are reproducible. */
export function zip(entries: readonly { readonly name: string; readonly data: Buffer }[]): Buffer {
  const DOS_TIME = 0; // 00:00:00
  const DOS_DATE = (45 << 9) | (1 << 5) | 1; // 2025-01-01
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBytes = Buffer.from(name, "utf8");
    const deflated = deflateRawSync(data, { level: 9 });
    // Already-compressed data (the PNGs) may not shrink; store it as is then.
    const [method, body] = deflated.length < data.length ? [8, deflated] : [0, data];
    const crc = crc32(data);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0
    local.writeUInt16LE(0x0800, 6); // names are UTF-8
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, nameBytes, body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by: MS-DOS, 2.0
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    // extra length, comment length, disk number, internal and external attributes stay 0
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);

    offset += local.length + nameBytes.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

export function buildTeamsPackage(opts: { appId?: string }): Buffer {
  return zip(PACKAGE_FILES.map((name) => {
    const data = readFileSync(resolve(MANIFEST_DIR, name));
    return { name, data: name === "manifest.json" ? Buffer.from(manifestFor(data.toString("utf8"), opts.appId), "utf8") : data };
  }));
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  const appId = process.env["MicrosoftAppId"]?.trim();
  let pkg: Buffer;
  try {
    pkg = buildTeamsPackage(appId ? { appId } : {});
  } catch (err) {
    console.error(`package:teams: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
  const out = fileURLToPath(new URL("../dist/tlsbot-teams.zip", import.meta.url));
  mkdirSync(resolve(out, ".."), { recursive: true });
  writeFileSync(out, pkg);
  console.log(`wrote ${out} (${pkg.length} bytes)`);
  if (!appId) console.warn(`MicrosoftAppId is not set: the package keeps the placeholder id ${PLACEHOLDER_APP_ID}. Set it to your Azure Bot's app id before uploading to Teams.`);
}
