import { exactSpellings, unsetMeans } from "../../../domain/effective-tls.ts";
import type { KindDefinition } from "../kind-definition.ts";

// Microsoft.EventHub TlsVersion (REST 2024-01-01): "1.0", "1.1", "1.2"; "1.3" from 2025-05-01-preview (Azure CLI's
// `--min-tls 1.3`). A namespace set to 1.3 through a newer client is read as 1.3, not as an unknown value.
const spellings = { "1.0": "1.0", "1.1": "1.1", "1.2": "1.2", "1.3": "1.3" } as const;

export const eventHubsDefinition: KindDefinition = {
  id: "eventhubs",
  armTypes: ["Microsoft.EventHub/namespaces"],
  names: { en: { one: "Event Hubs namespace", other: "Event Hubs namespaces" }, ja: { one: "Event Hubs 名前空間", other: "Event Hubs 名前空間" } },
  synonyms: {
    en: ["event hubs", "event hub", "eventhubs", "eventhub", "event hubs namespace", "event hubs namespaces", "eventhub namespace", "eventhub namespaces", "eh namespace", "kafka"],
    ja: ["イベントハブ", "イベント ハブ", "Event Hubs 名前空間", "Event Hubs の名前空間"],
  },
  tls: {
    settings: ["minimumTlsVersion"],
    spellings,
    parse: exactSpellings(spellings),
    upgradeValue: "1.2",
    // "1.3" from api-version 2025-05-01-preview (see the spellings above).
    highestMinimum: "1.3",
    // Namespaces accept 1.0 and later unless a minimum is set (FACTS.md [E1]).
    unset: unsetMeans("1.0", "unsetAccepts10"),
    needsCreatedTime: () => false,
  },
  retirementId: "eventhubs-tls10-11",
  reading: "list",
  implementation: async () => (await import("./eventhubs-kind.ts")).eventHubsKind,
  simulator: async () => (await import("./eventhubs-sim.ts")).eventHubsSim,
};
