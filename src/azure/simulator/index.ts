export { startSimulator, type RunningSimulator, type RecordedRequest, type SimulatorOptions } from "./start-simulator.ts";
export { loadTenantFile, parseTenant, SIM_IOTHUB_TYPE, SIM_REDIS_TYPE, type Tenant, type TenantInput } from "./tenant.ts";
export { generateTenant, legacyCacheTenant, type GenerateTenantOptions } from "./generate-tenant.ts";
export type { Fault, FaultKind } from "./faults.ts";
