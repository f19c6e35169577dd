import type { TFunction } from "i18next";

/**
 * What a retirement is called where its name goes: the catalog's name, or, for one a trusted notice created
 * ("tracking-PG7Q-2XZ"), the notice's Tracking ID in words — never the bare id, which reads as a code.
 */
export function serviceName(t: TFunction, id: string, fallback: string = id): string {
  const tracked = /^tracking-(.+)$/.exec(id);
  if (tracked) return t("catalog:trackedRetirement", { trackingId: tracked[1] });
  return t(`catalog:services.${id}`, { defaultValue: fallback });
}
