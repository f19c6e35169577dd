import { createPipelineRequest, RestError } from "@azure/core-rest-pipeline";
import type { ArmClients } from "../arm-clients.ts";
import type { KindDefinition } from "./kind-definition.ts";
import { armKind, observe, type Reading } from "./arm-kind.ts";
import { groupAndName, isNotFound, pollOptions, type EvidenceContext, type EvidenceItem, type GraphRow, type ResourceKind } from "./resource-kind.ts";

/** A resource as ARM's REST API returns it; Resource Graph rows have the same `properties`. */
export interface RestResource {
  readonly id?: string;
  readonly name?: string;
  readonly location?: string;
  readonly tags?: Record<string, string>;
  readonly properties?: unknown;
  readonly sku?: unknown;
  readonly kind?: unknown;
  readonly systemData?: unknown;
}

export interface GenericKindParts {
  /** The resource provider's api-version every call of this kind uses. */
  readonly apiVersion: string;
  /** The TLS value and extras from the REST `properties` (the same in Resource Graph rows). */
  read(properties: Record<string, unknown>, resource: RestResource | GraphRow): Reading;
  /** The PATCH body's `properties` that raise the minimum to the definition's `upgradeValue`. */
  patch(upgradeValue: string): Record<string, unknown>;
  evidence?(resourceId: string, ctx: EvidenceContext): Promise<readonly EvidenceItem[]>;
}

const propsOf = (r: { properties?: unknown }) => (r.properties && typeof r.properties === "object" ? (r.properties as Record<string, unknown>) : {});

function malformed(message: string): RestError {
  return new RestError(message, { code: "PARSE_ERROR" });
}

/**
 * Every page of a resource provider's subscription-wide list (`GET /subscriptions/{s}/providers/{type}`),
 * sent through the ARM client's own pipeline: its bearer token, retry and Retry-After policies and TLS
 * settings apply as to any SDK call. Only GET requests; `nextLink` is followed verbatim.
 */
export function listProviderCollection(clients: ArmClients, subscriptionId: string, armType: string, apiVersion: string, signal: AbortSignal): AsyncIterable<RestResource> {
  return listCollection(clients, subscriptionId, `/subscriptions/${encodeURIComponent(subscriptionId)}/providers/${armType}`, apiVersion, signal);
}

/** Every page of any ARM collection below a subscription (e.g. a site's `…/slots`), as above. */
export async function* listCollection(clients: ArmClients, subscriptionId: string, path: string, apiVersion: string, signal: AbortSignal): AsyncIterable<RestResource> {
  const client = clients.resources(subscriptionId);
  let url: string | undefined = `${clients.connection.endpoint.replace(/\/+$/, "")}${path}?api-version=${apiVersion}`;
  while (url) {
    const res = await client.sendRequest(createPipelineRequest({ url, method: "GET", abortSignal: signal }));
    // The client's deserialization policy has parsed a JSON answer already (into `parsedBody`): a second
    // JSON.parse of every page would cost a scan of thousands of pages as much again.
    const parsed = (res as { parsedBody?: unknown }).parsedBody;
    let body: unknown;
    try {
      body = parsed !== undefined ? parsed : res.bodyAsText ? JSON.parse(res.bodyAsText) : {};
    } catch {
      throw malformed(`${path}: the list answer is not JSON (HTTP ${res.status})`);
    }
    if (res.status >= 400) {
      const err = (body as { error?: { code?: unknown; message?: unknown } }).error ?? (body as { code?: unknown; message?: unknown });
      throw new RestError(typeof err.message === "string" ? err.message : `HTTP ${res.status}`, {
        statusCode: res.status, ...(typeof err.code === "string" ? { code: err.code } : {}), request: res.request, response: res,
      });
    }
    const page = body as { value?: unknown; nextLink?: unknown };
    if (!Array.isArray(page.value)) throw malformed(`${path}: the list answer has no 'value' array`);
    for (const item of page.value) if (item && typeof item === "object") yield item as RestResource;
    url = typeof page.nextLink === "string" && page.nextLink ? page.nextLink : undefined;
  }
}

/**
 * A kind read and written through the generic `@azure/arm-resources` client with its own api-version:
 * list through the provider collection, re-read with `resources.getById`, raise with
 * `resources.beginUpdateById` (a PATCH of `properties` only, so nothing else is sent back).
 */
/** One resource by id through the generic client; null when ARM says it no longer exists. */
export async function getByIdOrNull(clients: ArmClients, resourceId: string, apiVersion: string): Promise<RestResource | null> {
  try {
    return (await clients.resources(groupAndName(resourceId).subscriptionId).resources.getById(resourceId, apiVersion)) as RestResource;
  } catch (err) {
    if (isNotFound(err)) return null;
    throw err;
  }
}

type ByIdWrite = "update" | "createOrUpdate";


/**
 * A long-running PATCH (`update`) or PUT (`createOrUpdate`) by id: the poller's state goes to `onStarted`
 * as soon as Azure accepted it; `signal` ends only the waiting.
 */
export async function writeById(clients: ArmClients, id: string, apiVersion: string, how: ByIdWrite, body: Record<string, unknown>,
  onStarted: (operation: string) => Promise<void>, signal: AbortSignal | undefined, headers: Record<string, string> = {}): Promise<void> {
  const resources = clients.resources(groupAndName(id).subscriptionId).resources;
  const options = { ...pollOptions(clients), ...(Object.keys(headers).length ? { requestOptions: { customHeaders: headers } } : {}) };
  const poller = how === "update" ? await resources.beginUpdateById(id, apiVersion, body, options) : await resources.beginCreateOrUpdateById(id, apiVersion, body, options);
  await onStarted(poller.toString());
  await poller.pollUntilDone(signal ? { abortSignal: signal } : {});
}

/** Finishes a write by id that a previous process started (no request is sent again). */
export async function resumeById(clients: ArmClients, id: string, apiVersion: string, how: ByIdWrite, operation: string, signal: AbortSignal | undefined): Promise<void> {
  const resources = clients.resources(groupAndName(id).subscriptionId).resources;
  const options = { ...pollOptions(clients), resumeFrom: operation };
  const poller = how === "update" ? await resources.beginUpdateById(id, apiVersion, {}, options) : await resources.beginCreateOrUpdateById(id, apiVersion, {}, options);
  await poller.pollUntilDone(signal ? { abortSignal: signal } : {});
}

export function genericArmKind(def: KindDefinition, parts: GenericKindParts): ResourceKind {
  const fromRest = (r: RestResource) => (r.id ? observe(def, r.id, r.name ?? r.id, r.location ?? "", r.tags, parts.read(propsOf(r), r)) : null);
  return armKind<RestResource>(def, {
    list: async function* (clients, subscriptionId, signal) {
      for (const type of def.armTypes) yield* listProviderCollection(clients, subscriptionId, type, parts.apiVersion, signal);
    },
    readSdk: (r) => parts.read(propsOf(r), r),
    readGraph: (props, row) => parts.read(props, row),
    ...(parts.evidence ? { evidence: parts.evidence } : {}),
    upgrade: () => ({
      async read(clients, resourceId) {
        const r = await getByIdOrNull(clients, resourceId, parts.apiVersion);
        return r ? fromRest(r) : null;
      },
      apply: (clients, resource, _target, onStarted, signal) =>
        writeById(clients, resource.id, parts.apiVersion, "update", { properties: parts.patch(def.tls.upgradeValue) }, onStarted, signal),
      resume: (clients, resourceId, operation, signal) => resumeById(clients, resourceId, parts.apiVersion, "update", operation, signal),
    }),
  });
}
