import { readdirSync, statSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { RETIREMENTS, upgradeFactsForType } from "../../src/catalog/lookup.ts";
import { translator } from "../../src/render/i18n.ts";
import { KIND_DEFINITIONS } from "../../src/azure/kinds/registry.ts";
import { loadResourceKinds } from "../../src/azure/kinds/load-kinds.ts";
import { compareTls, TLS_VERSIONS } from "../../src/domain/tls-version.ts";

const ofType = (type: string) => RETIREMENTS.find((r) => r.resourceTypes.some((t) => t.toLowerCase() === type.toLowerCase()));

describe("resource kind registry", () => {
  it("has exactly one kind per folder under src/azure/kinds/", () => {
    const folders = readdirSync("src/azure/kinds").filter((f) => statSync(`src/azure/kinds/${f}`).isDirectory()).sort();
    expect(KIND_DEFINITIONS.map((d) => d.id).sort()).toEqual(folders);
  });

  it("keeps each kind's parts in its own folder, named after it", () => {
    for (const d of KIND_DEFINITIONS) {
      const files = readdirSync(`src/azure/kinds/${d.id}`);
      for (const part of ["definition", "kind", "upgrade", "sim"]) expect(files, `${d.id}: ${d.id}-${part}.ts`).toContain(`${d.id}-${part}.ts`);
    }
  });

  // A kind registered with a part missing fails here, whatever the type checker let through.
  it.each(KIND_DEFINITIONS.map((d) => [d.id, d] as const))("defines every part of %s", async (_id, d) => {
    expect(d.armTypes.length).toBeGreaterThan(0);
    for (const lang of ["en", "ja"] as const) {
      expect(d.names[lang].one.trim(), `${d.id} ${lang} singular`).not.toBe("");
      expect(d.names[lang].other.trim(), `${d.id} ${lang} plural`).not.toBe("");
      expect(d.synonyms[lang].length, `${d.id} ${lang} synonyms`).toBeGreaterThan(0);
    }
    expect(d.names.ja.one).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    // Its retirement is in the catalog (or its own folder) and covers its ARM types; a kind with none says
    // what raising its setting does instead, and no retirement claims its types.
    if (d.retirementId === null) {
      expect(d.catalog?.upgrade, `${d.id}: catalog.upgrade when there is no retirement`).toBeDefined();
      for (const t of d.armTypes) expect(ofType(t), t).toBeUndefined();
    } else {
      const retirement = RETIREMENTS.find((r) => r.id === d.retirementId);
      expect(retirement, d.retirementId).toBeDefined();
      for (const t of d.armTypes) expect(ofType(t)?.id, t).toBe(d.retirementId);
      if (d.catalog?.retirement) expect(d.catalog.retirement.id).toBe(d.retirementId);
    }
    // Whatever the catalog shows for it reads in both languages: the service name and every side effect.
    const facts = upgradeFactsForType(d.armTypes[0]);
    for (const lang of ["en", "ja"] as const) {
      const t = translator(lang);
      if (d.retirementId) expect(t(`catalog:services.${d.retirementId}`), `${d.id} ${lang} service`).not.toBe(`services.${d.retirementId}`);
      for (const k of facts.sideEffects) expect(t(`catalog:sideEffects.${k}`), `${d.id} ${lang} ${k}`).not.toBe(`sideEffects.${k}`);
    }
    // Its TLS setting: named, every documented spelling read, the upgrade value one of them and ≥ 1.2.
    expect(d.tls.settings.length).toBeGreaterThan(0);
    const spellings = Object.entries(d.tls.spellings);
    expect(spellings.length).toBeGreaterThan(0);
    for (const [raw, meaning] of spellings) {
      const parsed = d.tls.parse(raw);
      expect(parsed.kind === "version" ? parsed.version : parsed.kind, `${d.id} ${raw}`).toBe(meaning);
      if (meaning !== "no-minimum") expect(TLS_VERSIONS).toContain(meaning);
    }
    expect(d.tls.parse(d.tls.upgradeValue)).toEqual({ kind: "version", version: "1.2" });
    // The highest minimum it can be set to is a version it reads, and at least what an upgrade writes.
    expect(Object.values(d.tls.spellings)).toContain(d.tls.highestMinimum);
    expect(compareTls(d.tls.highestMinimum, "1.2"), d.id).toBeGreaterThanOrEqual(0);
    expect(d.tls.parse(null).kind).toBe("unset");
    expect(d.tls.parse("1.2 ").kind).toBe("unrecognised");
    expect(d.tls.parse("number:1.2").kind).toBe("unrecognised");
    // The SDK half and the simulator half load and agree with the definition.
    const kind = (await loadResourceKinds([d.id])).get(d.id);
    expect(kind?.definition).toBe(d);
    expect(typeof kind?.upgrade.apply).toBe("function");
    expect(typeof kind?.upgrade.read).toBe("function");
    const sim = await d.simulator();
    expect(sim.routes.length).toBeGreaterThan(0);
  });
});
