import { exactSpellings, unsetMeans } from "../../../domain/effective-tls.ts";
import type { KindDefinition } from "../kind-definition.ts";

// The API takes "1.2" only (FACTS.md [I1]); older values are read so a hub set to them is reported truthfully.
const spellings = { "1.0": "1.0", "1.1": "1.1", "1.2": "1.2" } as const;

export const iotHubDefinition: KindDefinition = {
  id: "iothub",
  armTypes: ["Microsoft.Devices/IotHubs"],
  names: { en: { one: "IoT hub", other: "IoT hubs" }, ja: { one: "IoT ハブ", other: "IoT ハブ" } },
  synonyms: {
    en: ["iot hub", "iot hubs", "iothub", "iothubs", "hub", "hubs", "iot", "azure iot hub"],
    ja: ["IoTハブ", "iotハブ", "アイオーティーハブ", "ハブ"],
  },
  tls: {
    settings: ["minTlsVersion"],
    spellings,
    parse: exactSpellings(spellings),
    upgradeValue: "1.2",
    // minTlsVersion takes "1.2" only (FACTS.md [I1]).
    highestMinimum: "1.2",
    // An IoT hub without minTlsVersion accepts TLS 1.0, 1.1 and 1.2 (FACTS.md [I1]).
    unset: unsetMeans("1.0", "iotHubUnsetAccepts10"),
    needsCreatedTime: () => false,
  },
  retirementId: "iothub-tls10-11",
  reading: "list",
  implementation: async () => (await import("./iothub-kind.ts")).iotHubKind,
  simulator: async () => (await import("./iothub-sim.ts")).iotHubSim,
};
