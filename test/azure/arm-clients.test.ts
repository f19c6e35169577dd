import { tracingPolicyName } from "@azure/core-rest-pipeline";
import { describe, expect, it } from "vitest";
import { createArmClients } from "../../src/azure/arm-clients.ts";
import { StaticTokenCredential } from "../../src/azure/static-token-credential.ts";

describe("ARM clients", () => {
  const clients = createArmClients({ endpoint: "https://127.0.0.1:1", credential: new StaticTokenCredential("t") });
  const sub = "00000000-0000-4000-a000-000000000001";
  const all = [clients.redis(sub), clients.iotHub(sub), clients.resources(sub), clients.subscriptions(), clients.resourceGraph(), clients.advisor(sub)];

  it("send requests without the SDK's per-request tracing policy (no instrumenter is registered)", () => {
    for (const client of all) {
      const names = client.pipeline.getOrderedPolicies().map((p) => p.name);
      expect(names).not.toContain(tracingPolicyName);
      // tlsbot's own policies are still there.
      expect(names).toContain("tlsbotResponseSizeCap");
    }
  });

  it("build each client once per subscription", () => {
    expect(clients.resources(sub)).toBe(all[2]);
  });
});
