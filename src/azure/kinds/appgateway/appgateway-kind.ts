import { listProviderCollection, type RestResource } from "../arm-generic.ts";
import { armKind } from "../arm-kind.ts";
import { appGatewayDefinition, composePolicy } from "./appgateway-definition.ts";
import { appGatewayUpgrade } from "./appgateway-upgrade.ts";

export const APP_GATEWAY_API_VERSION = "2023-09-01";

const reading = (props: Record<string, unknown>) => ({
  rawTls: composePolicy(props["sslPolicy"]),
  extra: { sku: (props["sku"] as { name?: unknown } | undefined)?.name ?? null, operationalState: props["operationalState"] ?? null },
});
const propsOf = (r: { properties?: unknown }) => (r.properties && typeof r.properties === "object" ? (r.properties as Record<string, unknown>) : {});

export const appGatewayKind = armKind<RestResource>(appGatewayDefinition, {
  list: (clients, subscriptionId, signal) => listProviderCollection(clients, subscriptionId, appGatewayDefinition.armTypes[0], APP_GATEWAY_API_VERSION, signal),
  readSdk: (r) => reading(propsOf(r)),
  readGraph: (props) => reading(props),
  upgrade: appGatewayUpgrade,
});
