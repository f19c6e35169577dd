import { seededRandom } from "./seeded-random.ts";
import type { SimSample } from "./sim-kind.ts";
import { parseTenant, SIM_IOTHUB_TYPE, SIM_REDIS_TYPE, type Tenant, type TenantInput } from "./tenant.ts";

export interface GenerateTenantOptions {
  readonly seed: number;
  readonly subscriptions: number;
  readonly resourcesPerSubscription: number;
  /**
   * Draw resources evenly from these kinds, each with the settings of one of its simulator samples
   * (`<kind>-sim.ts`), instead of the default Redis/IoT Hub mix. Child-type samples (slots) are skipped.
   */
  readonly kinds?: ReadonlyArray<{ readonly id: string; readonly type: string; readonly samples: readonly SimSample[] }>;
}

function guid(rand: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16)).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const pick = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;

/**
 * A large synthetic tenant for benchmarks: Redis caches, IoT hubs and a few unrelated resources with a
 * realistic spread of TLS settings and ages. Same seed, same tenant.
 */
export function generateTenant(opts: GenerateTenantOptions): Tenant {
  const rand = seededRandom(opts.seed);
  const subscriptions: TenantInput["subscriptions"] = [];
  for (let s = 0; s < opts.subscriptions; s++) {
    const resources: NonNullable<TenantInput["subscriptions"][number]["resources"]> = [];
    for (let i = 0; i < opts.resourcesPerSubscription; i++) {
      const roll = rand();
      const resourceGroup = `rg-${pick(rand, ["app", "data", "iot", "shared"])}-${s % 7}`;
      const location = pick(rand, ["japaneast", "japanwest", "eastus", "westeurope"]);
      const createdTime = rand() < 0.1 ? undefined : new Date(Date.UTC(2017, 0, 1) + Math.floor(rand() * 8 * 365) * 86_400_000).toISOString();
      const base = { resourceGroup, location, ...(createdTime ? { createdTime } : {}) };
      if (opts.kinds?.length) {
        const kind = pick(rand, opts.kinds);
        const own = kind.samples.filter((x) => x.type === undefined || x.type.toLowerCase() === kind.type.toLowerCase());
        const sample = own.length ? pick(rand, own) : null;
        // A child type's name carries its parents (`profile/domain`), as the sample's does: otherwise its
        // ARM id would name no parent and every scan path would read it as malformed.
        const parents = (sample?.name.split("/").slice(0, -1) ?? []).map((p) => `${p}-${s}`);
        resources.push({ ...base, type: kind.type, name: [...parents, `${kind.id}-${s}-${i}`].join("/"), properties: structuredClone(sample?.properties ?? {}) });
        continue;
      }
      if (roll < 0.6) {
        const tls = pick(rand, [undefined, "1.0", "1.1", "1.2", "1.2"]);
        resources.push({ ...base, type: SIM_REDIS_TYPE, name: `redis-${s}-${i}`, properties: tls ? { minimumTlsVersion: tls } : {} });
      } else if (roll < 0.9) {
        const tls = pick(rand, [undefined, "1.2"]);
        resources.push({ ...base, type: SIM_IOTHUB_TYPE, name: `iot-${s}-${i}`, properties: tls ? { minTlsVersion: tls } : {} });
      } else {
        resources.push({ ...base, type: "Microsoft.Storage/storageAccounts", name: `st${s}x${i}`, properties: { minimumTlsVersion: "TLS1_2" } });
      }
    }
    subscriptions.push({ subscriptionId: guid(rand), displayName: `bench-${String(s).padStart(3, "0")}`, resources });
  }
  return parseTenant({ tenantId: guid(rand), subscriptions }, "generated tenant");
}

/**
 * One subscription of Redis caches created in 2019 and still allowing TLS 1.0: what an upgrade must act on,
 * in the tests and fault drills that exercise approvals against the simulator.
 */
export function legacyCacheTenant(opts: { readonly tenantId: string; readonly subscriptionId: string; readonly displayName: string; readonly names: readonly string[] }): Tenant {
  return parseTenant({
    tenantId: opts.tenantId,
    subscriptions: [{
      subscriptionId: opts.subscriptionId, displayName: opts.displayName,
      resources: opts.names.map((name) => ({ type: SIM_REDIS_TYPE, resourceGroup: "rg", name, location: "japaneast", createdTime: "2019-01-01T00:00:00Z", properties: { minimumTlsVersion: "1.0" } })),
    }],
  }, `${opts.tenantId} tenant`);
}
