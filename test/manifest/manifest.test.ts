import { readFileSync } from "node:fs";
import { crc32, inflateRawSync, inflateSync } from "node:zlib";
import AjvDraft04 from "ajv-draft-04";
import addFormatsPlugin from "ajv-formats";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { colorIcon, outlineIcon } from "../../scripts/make-icons.ts";
import { buildTeamsPackage, PACKAGE_FILES, PLACEHOLDER_APP_ID } from "../../scripts/package-teams.ts";

// Both packages are CommonJS with `exports.default`; under NodeNext the default import is `module.exports`.
const Ajv = AjvDraft04.default;
const addFormats = addFormatsPlugin.default;

const manifestDir = new URL("../../manifest/", import.meta.url);
// The offline schemas live in the project's shared folder, beside the repository.
// A copy of ../shared/schemas/teams-v1.29 (MIT, Microsoft): CI runs on a clone with nothing beside it.
const schemaDir = new URL("../fixtures/schemas/teams-v1.29/", import.meta.url);
const readJson = (path: string | URL): unknown => JSON.parse(readFileSync(path, "utf8"));
const manifestText = readFileSync(new URL("manifest.json", manifestDir), "utf8");

interface Command {
  title: string;
  description?: string;
}
interface Manifest {
  id: string;
  bots: { botId: string; scopes: string[]; commandLists: { scopes: string[]; commands: Command[] }[] }[];
  localizationInfo: { additionalLanguages: { languageTag: string; file: string }[] };
  icons: { color: string; outline: string };
}
const manifest = JSON.parse(manifestText) as Manifest;
const ja = readJson(new URL("ja.json", manifestDir)) as Record<string, string>;

function schemaErrors(schemaFile: string, data: unknown): string {
  // The localization schema's patterns have a bare `]`, valid ECMAScript only without the `u` flag Ajv adds by default.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(readJson(new URL(schemaFile, schemaDir)) as object);
  return validate(data) ? "" : JSON.stringify(validate.errors, null, 2);
}

/** Width, height and RGBA pixels of an 8-bit RGBA, non-interlaced PNG; chunk CRCs are checked on the way. */
function decodePng(buf: Buffer): { width: number; height: number; pixels: Buffer } {
  expect(buf.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const idat: Buffer[] = [];
  let ihdr: Buffer | undefined;
  let off = 8;
  let last = "";
  while (off < buf.length) {
    const len = buf.readUInt32BE(off);
    last = buf.toString("latin1", off + 4, off + 8);
    expect(buf.readUInt32BE(off + 8 + len), `CRC of ${last}`).toBe(crc32(buf.subarray(off + 4, off + 8 + len)));
    const data = buf.subarray(off + 8, off + 8 + len);
    if (last === "IHDR") ihdr = data;
    if (last === "IDAT") idat.push(data);
    off += 12 + len;
  }
  expect(off, "the file ends right after IEND").toBe(buf.length);
  expect(last).toBe("IEND");
  if (!ihdr) throw new Error("no IHDR chunk");
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  expect([...ihdr.subarray(8)], "bit depth 8, RGBA, deflate, standard filters, no interlace").toEqual([8, 6, 0, 0, 0]);

  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  expect(raw.length).toBe(height * (stride + 1));
  const pixels = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x] ?? 0;
      const a = x >= 4 ? (pixels[y * stride + x - 4] ?? 0) : 0;
      const b = y > 0 ? (pixels[(y - 1) * stride + x] ?? 0) : 0;
      const c = x >= 4 && y > 0 ? (pixels[(y - 1) * stride + x - 4] ?? 0) : 0;
      const paeth = () => {
        const p = a + b - c;
        const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      };
      const predictor = [0, a, b, (a + b) >> 1, filter === 4 ? paeth() : 0][filter ?? -1];
      if (predictor === undefined) throw new Error(`unknown PNG filter ${filter} on row ${y}`);
      pixels[y * stride + x] = (v + predictor) & 0xff;
    }
  }
  return { width, height, pixels };
}

interface ZipEntry {
  name: string;
  data: Buffer;
}

/** Reads a zip through its central directory, inflating each entry from its local header. */
function readZip(zip: Buffer): ZipEntry[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(eocd).toBeGreaterThanOrEqual(0);
  const count = zip.readUInt16LE(eocd + 10);
  let off = zip.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(off)).toBe(0x02014b50);
    const method = zip.readUInt16LE(off + 10);
    const crc = zip.readUInt32LE(off + 16);
    const size = zip.readUInt32LE(off + 20);
    const nameLen = zip.readUInt16LE(off + 28);
    const local = zip.readUInt32LE(off + 42);
    const name = zip.toString("utf8", off + 46, off + 46 + nameLen);
    off += 46 + nameLen + zip.readUInt16LE(off + 30) + zip.readUInt16LE(off + 32);

    expect(zip.readUInt32LE(local)).toBe(0x04034b50);
    expect(zip.toString("utf8", local + 30, local + 30 + zip.readUInt16LE(local + 26))).toBe(name);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const body = zip.subarray(start, start + size);
    expect([0, 8]).toContain(method);
    const data = method === 8 ? inflateRawSync(body) : Buffer.from(body);
    expect(crc32(data), `CRC of ${name}`).toBe(crc);
    expect(zip.readUInt32LE(local + 14)).toBe(crc);
    entries.push({ name, data });
  }
  return entries;
}

describe("Teams app manifest", () => {
  it("manifest.json is valid against the v1.29 schema", () => {
    const errors = schemaErrors("MicrosoftTeams.schema.json", manifest);
    expect(errors, errors).toBe("");
  });

  it("ja.json is valid against the localization schema", () => {
    const errors = schemaErrors("MicrosoftTeams.Localization.schema.json", ja);
    expect(errors, errors).toBe("");
    expect(manifest.localizationInfo.additionalLanguages).toEqual([{ languageTag: "ja-jp", file: "ja.json" }]);
  });

  it("keeps the placeholder GUID as app id and bot id", () => {
    expect(manifest.id).toBe(PLACEHOLDER_APP_ID);
    expect(manifest.bots[0]?.botId).toBe(PLACEHOLDER_APP_ID);
  });

  it("lists the same commands for every scope, with titles of at most 32 characters", () => {
    const bot = manifest.bots[0];
    if (!bot) throw new Error("no bot");
    expect(bot.scopes.sort()).toEqual(["groupChat", "personal", "team"]);
    expect(bot.commandLists.flatMap((l) => l.scopes).sort()).toEqual(["groupChat", "personal", "team"]);
    for (const list of bot.commandLists) {
      expect(list.commands.map((c) => c.title)).toEqual(["caches below 1.2", "due this month", "retirements", "status <resource>", "subscribe <subscription>", "help"]);
      for (const c of list.commands) expect(c.description?.length ?? 0).toBeLessThanOrEqual(128);
    }
    const titles = [...bot.commandLists.flatMap((l) => l.commands.map((c) => c.title)), ...Object.entries(ja).filter(([k]) => k.endsWith(".title")).map(([, v]) => v)];
    for (const t of titles) expect(t.length, t).toBeLessThanOrEqual(32);
  });

  it("every command key in ja.json points at a command of manifest.json, and every command is translated", () => {
    const commandKeys = Object.keys(ja).filter((k) => k.startsWith("bots["));
    for (const key of commandKeys) {
      const m = /^bots\[(\d+)\]\.commandLists\[(\d+)\]\.commands\[(\d+)\]\.(title|description)$/.exec(key);
      expect(m, key).not.toBeNull();
      const [, b, l, c, field] = m ?? [];
      const command = manifest.bots[Number(b)]?.commandLists[Number(l)]?.commands[Number(c)];
      expect(command?.[field as "title" | "description"], key).toBeTypeOf("string");
    }
    const expected = manifest.bots.flatMap((bot, b) => bot.commandLists.flatMap((list, l) => list.commands.flatMap((_, c) => [`bots[${b}].commandLists[${l}].commands[${c}].title`, `bots[${b}].commandLists[${l}].commands[${c}].description`])));
    expect(commandKeys.sort()).toEqual(expected.sort());
    expect(ja["bots[0].commandLists[0].commands[0].title"]).toBe("1.2 未満のキャッシュ");
  });
});

describe("Teams icons", () => {
  it("color.png is 192×192", () => {
    const { width, height } = decodePng(readFileSync(new URL(manifest.icons.color, manifestDir)));
    expect([width, height]).toEqual([192, 192]);
  });

  it("outline.png is 32×32, white on transparent only", () => {
    const { width, height, pixels } = decodePng(readFileSync(new URL(manifest.icons.outline, manifestDir)));
    expect([width, height]).toEqual([32, 32]);
    let opaque = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      if (pixels[i + 3] === 0) continue;
      opaque++;
      expect([pixels[i], pixels[i + 1], pixels[i + 2]], `pixel ${i / 4}`).toEqual([255, 255, 255]);
    }
    expect(opaque, "the glyph is drawn").toBeGreaterThan(100);
  });

  it("are what scripts/make-icons.ts draws (compared pixel by pixel: deflate output may vary across zlib versions)", () => {
    expect(decodePng(readFileSync(new URL("color.png", manifestDir))).pixels.equals(decodePng(colorIcon()).pixels)).toBe(true);
    expect(decodePng(readFileSync(new URL("outline.png", manifestDir))).pixels.equals(decodePng(outlineIcon()).pixels)).toBe(true);
  });
});

describe("Slack app manifest", () => {
  const slack = parse(readFileSync(new URL("slack-app.yaml", manifestDir), "utf8")) as {
    _metadata: { major_version: number };
    display_information: { name: string; description: string };
    features: { app_home: { messages_tab_enabled: boolean }; slash_commands: { command: string; url: string; should_escape: boolean }[] };
    oauth_config: { scopes: { bot: string[] } };
    settings: { event_subscriptions: { request_url: string; bot_events: string[] }; interactivity: { is_enabled: boolean; request_url: string }; socket_mode_enabled: boolean };
  };

  it("has the /tls command, the bot scopes and events, and every URL on /slack/events", () => {
    expect(slack._metadata.major_version).toBe(1);
    expect(slack.display_information.name).toBe("tlsbot");
    expect(slack.display_information.description.length).toBeLessThanOrEqual(140);
    expect(slack.features.slash_commands.map((c) => c.command)).toEqual(["/tls"]);
    expect(slack.features.slash_commands[0]?.should_escape).toBe(false);
    expect(slack.oauth_config.scopes.bot.sort()).toEqual(["app_mentions:read", "chat:write", "commands", "im:history", "im:read", "im:write", "users:read"]);
    expect(slack.settings.event_subscriptions.bot_events.sort()).toEqual(["app_mention", "message.im"]);
    expect(slack.settings.interactivity.is_enabled).toBe(true);
    expect(slack.features.app_home.messages_tab_enabled, "users can DM the bot").toBe(true);
    const urls = [slack.features.slash_commands[0]?.url, slack.settings.event_subscriptions.request_url, slack.settings.interactivity.request_url];
    for (const url of urls) expect(url).toMatch(/^https:\/\/[^/]+\/slack\/events$/);
  });
});

describe("Teams package", () => {
  it("zips exactly the four files at the root, unchanged without an app id", () => {
    const entries = readZip(buildTeamsPackage({}));
    expect(entries.map((e) => e.name).sort()).toEqual([...PACKAGE_FILES].sort());
    for (const e of entries) expect(e.data.equals(readFileSync(new URL(e.name, manifestDir))), e.name).toBe(true);
  });

  it("puts the app id in place of the placeholder in id and bots[0].botId", () => {
    const appId = "3f2c9b1e-6a47-4d0b-9c1e-2b7d5a8e4f10";
    const entries = readZip(buildTeamsPackage({ appId }));
    const packed = entries.find((e) => e.name === "manifest.json")?.data.toString("utf8");
    expect(packed).toBe(manifestText.replaceAll(PLACEHOLDER_APP_ID, appId));
    const parsed = JSON.parse(packed ?? "{}") as Manifest;
    expect([parsed.id, parsed.bots[0]?.botId]).toEqual([appId, appId]);
    expect(schemaErrors("MicrosoftTeams.schema.json", parsed)).toBe("");
    expect(entries.find((e) => e.name === "ja.json")?.data.equals(readFileSync(new URL("ja.json", manifestDir)))).toBe(true);
  });

  it("refuses an app id that is not a GUID", () => {
    expect(() => buildTeamsPackage({ appId: "my-bot" })).toThrow(/GUID/);
    expect(() => buildTeamsPackage({ appId: `${PLACEHOLDER_APP_ID}0` })).toThrow(/GUID/);
  });
});
