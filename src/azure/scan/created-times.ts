import type { ArmClients } from "../arm-clients.ts";
import { resourceKey, type ObservedResource } from "../../domain/resource.ts";
import { isoOrNull } from "../kinds/observed-fields.ts";

/**
 * Creation times through the generic resource list (`$expand=createdTime`), one filtered listing per
 * subscription and type, only for the resources whose rule needs it. Returns id key → ISO time.
 */
export async function fetchCreatedTimes(clients: ArmClients, subscriptionId: string, types: readonly string[], signal: AbortSignal): Promise<Map<string, string>> {
  const times = new Map<string, string>();
  if (types.length === 0) return times;
  const filter = types.map((t) => `resourceType eq '${t}'`).join(" or ");
  for await (const r of clients.resources(subscriptionId).resources.list({ filter, expand: "createdTime", abortSignal: signal })) {
    const created = isoOrNull(r.createdTime);
    if (r.id && created) times.set(resourceKey(r.id), created);
  }
  return times;
}

export function withCreatedTimes(resources: readonly ObservedResource[], times: ReadonlyMap<string, string>): ObservedResource[] {
  return resources.map((r) => {
    const createdAt = r.createdAt ?? times.get(resourceKey(r.id)) ?? null;
    return createdAt === r.createdAt ? r : { ...r, createdAt };
  });
}
