import { exactSpellings, unsetMeans } from "../../../domain/effective-tls.ts";
import type { KindDefinition } from "../kind-definition.ts";

// Microsoft.ServiceBus TlsVersion (REST 2024-01-01): "1.0", "1.1", "1.2"; "1.3" from 2025-05-01-preview (Azure CLI's
// `--min-tls 1.3`). A namespace set to 1.3 through a newer client is read as 1.3, not as an unknown value.
const spellings = { "1.0": "1.0", "1.1": "1.1", "1.2": "1.2", "1.3": "1.3" } as const;

export const serviceBusDefinition: KindDefinition = {
  id: "servicebus",
  armTypes: ["Microsoft.ServiceBus/namespaces"],
  names: { en: { one: "Service Bus namespace", other: "Service Bus namespaces" }, ja: { one: "Service Bus 名前空間", other: "Service Bus 名前空間" } },
  synonyms: {
    en: ["service bus", "servicebus", "service bus namespace", "service bus namespaces", "servicebus namespace", "servicebus namespaces", "queue", "queues", "topic", "topics", "sb namespace"],
    ja: ["サービスバス", "サービス バス", "Service Bus 名前空間", "Service Bus の名前空間", "キュー", "トピック"],
  },
  tls: {
    settings: ["minimumTlsVersion"],
    spellings,
    parse: exactSpellings(spellings),
    upgradeValue: "1.2",
    // "1.3" from api-version 2025-05-01-preview (see the spellings above).
    highestMinimum: "1.3",
    // Namespaces accept 1.0 and later unless a minimum is set (FACTS.md [B1]).
    unset: unsetMeans("1.0", "unsetAccepts10"),
    needsCreatedTime: () => false,
  },
  retirementId: "servicebus-tls10-11",
  reading: "list",
  implementation: async () => (await import("./servicebus-kind.ts")).serviceBusKind,
  simulator: async () => (await import("./servicebus-sim.ts")).serviceBusSim,
};
