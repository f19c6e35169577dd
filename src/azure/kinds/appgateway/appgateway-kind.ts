import { LOWEST_SETTING } from "../../../domain/lowest-setting.ts";
import { listProviderCollection, type RestResource } from "../arm-generic.ts";
import { armKind } from "../arm-kind.ts";
import { appGatewayDefinition } from "./appgateway-definition.ts";
import { composePolicies, lowestPolicy } from "./appgateway-policies.ts";
import { appGatewayUpgrade } from "./appgateway-upgrade.ts";

export const APP_GATEWAY_API_VERSION = "2023-09-01";

// ARM and Resource Graph both carry `sslPolicy` and `sslProfiles` in `properties`, so both paths read them alike.
const reading = (props: Record<string, unknown>) => {
  const rawTls = composePolicies(props);
  const lowest = lowestPolicy(rawTls);
  return {
    rawTls,
    extra: {
      sku: (props["sku"] as { name?: unknown } | undefined)?.name ?? null, operationalState: props["operationalState"] ?? null,
      ...(lowest ? { [LOWEST_SETTING]: lowest } : {}),
    },
  };
};
const propsOf = (r: { properties?: unknown }) => (r.properties && typeof r.properties === "object" ? (r.properties as Record<string, unknown>) : {});

export const appGatewayKind = armKind<RestResource>(appGatewayDefinition, {
  list: (clients, subscriptionId, signal) => listProviderCollection(clients, subscriptionId, appGatewayDefinition.armTypes[0], APP_GATEWAY_API_VERSION, signal),
  readSdk: (r) => reading(propsOf(r)),
  readGraph: (props) => reading(props),
  upgrade: appGatewayUpgrade,
});
