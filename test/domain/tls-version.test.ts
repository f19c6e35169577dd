import { describe, expect, it } from "vitest";
import { compareTls, configuredVersion, isAtLeast, parseTlsVersion } from "../../src/domain/tls-version.ts";

describe("parseTlsVersion", () => {
  it.each([
    ["1.0", "1.0"], ["1.1", "1.1"], ["1.2", "1.2"], ["1.3", "1.3"],
    ["TLS1_0", "1.0"], ["TLS1_2", "1.2"], ["tls1_1", "1.1"],
    ["Tls", "1.0"], ["Tls11", "1.1"], ["Tls12", "1.2"],
    ["TLSv1.2", "1.2"], ["TLSv1.3", "1.3"], ["TLSv1_0", "1.0"], ["TLSv1_3", "1.3"],
    ["TLS10", "1.0"], ["TLS12", "1.2"], [" 1.2 ", "1.2"], ["ＴＬＳ１．２", "1.2"],
    ["TLSv1.2,TLSv1.3", "1.2"], ["TLSv1.3,TLSv1.2", "1.2"],
  ])("reads %j as TLS %s", (raw, expected) => {
    expect(parseTlsVersion(raw)).toEqual({ kind: "version", version: expected });
  });

  it.each([[null], [undefined], [""], ["   "]])("treats %j as unset", (raw) => {
    expect(parseTlsVersion(raw)).toEqual({ kind: "unset" });
  });

  it.each([["None"], ["0"], ["TLSEnforcementDisabled"]])("treats %j as no minimum", (raw) => {
    expect(parseTlsVersion(raw).kind).toBe("no-minimum");
  });

  it("reads a number the way JSON may carry it", () => {
    expect(parseTlsVersion(1.2)).toEqual({ kind: "version", version: "1.2" });
    expect(parseTlsVersion(1)).toEqual({ kind: "version", version: "1.0" });
  });

  it.each([["1.4"], ["SSL3"], ["TLS2_0"], ["latest"], ["TLSv1.2,bogus"], [{ v: 1 }]])("does not guess at %j", (raw) => {
    expect(parseTlsVersion(raw).kind).toBe("unrecognised");
  });
});

describe("ordering", () => {
  it("compares numerically: 1.3 ≥ 1.2 > 1.1 > 1.0", () => {
    expect(compareTls("1.3", "1.2")).toBeGreaterThan(0);
    expect(compareTls("1.0", "1.1")).toBeLessThan(0);
    expect(isAtLeast("1.3", "1.2")).toBe(true);
    expect(isAtLeast("1.1", "1.2")).toBe(false);
    expect(isAtLeast("unknown", "1.0")).toBe(false);
  });

  it("reports only real versions as configured", () => {
    expect(configuredVersion(parseTlsVersion("Tls12"))).toBe("1.2");
    expect(configuredVersion(parseTlsVersion(""))).toBeNull();
    expect(configuredVersion(parseTlsVersion("None"))).toBeNull();
  });
});
