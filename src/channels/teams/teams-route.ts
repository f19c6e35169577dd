import { CallerIdConstants, CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type InvokeResponse, type TurnContext } from "botbuilder";
import { AuthenticationConstants, AuthenticationError, type AuthenticateRequestResult, type ClaimsIdentity, type ConnectorClient, type UserTokenClient } from "botframework-connector";
import type { ServerResponse } from "node:http";
import type { Config } from "../../config/load-config.ts";
import { translator } from "../../render/i18n.ts";
import { sendJson, type HttpRequest, type Route } from "../http/http-server.ts";
import { refuseNonLocal, refuseServiceUrl } from "../http/local-request-guard.ts";
import type { TeamsBot } from "./teams-bot.ts";

/** Why a turn did not run, for the HTTP answer; the details go to the log, never to the caller. */
export type TurnFailure = "unauthorized" | "authUnavailable" | "failed";

/**
 * botbuilder's own `process()` prints every failure with console.error (multi-line stack traces for each
 * unauthenticated request) and answers with the internal error's message. tlsbot calls the turn itself so
 * that failures are classified here, logged once as structured JSON, and answered without internals.
 */
export class TlsbotCloudAdapter extends CloudAdapter {
  async runTurn(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<{ ok: true; invoke: InvokeResponse | undefined } | { ok: false; failure: TurnFailure; err: unknown }> {
    let started = false;
    try {
      const invoke = await this.processActivity(authHeader, activity, async (ctx) => {
        started = true;
        await logic(ctx);
      });
      return { ok: true, invoke };
    } catch (err) {
      const name = (err as Error).name;
      // jsonwebtoken's errors (bad signature, expiry, format) are not botbuilder's AuthenticationError.
      if (err instanceof AuthenticationError || name === "JsonWebTokenError" || name === "TokenExpiredError" || name === "NotBeforeError") return { ok: false, failure: "unauthorized", err };
      // Before the turn started only authentication can fail: signing keys that could not be fetched.
      return { ok: false, failure: started ? "failed" : "authUnavailable", err };
    }
  }
}

/**
 * Bot Framework authentication that reuses its outbound clients. botbuilder builds a new Connector client
 * and a new user-token client — each a whole HTTP pipeline — for every incoming activity, which costs more
 * than answering most questions. A client depends only on the bot's app id, the service URL and the
 * audience, and renews its own tokens, so one per such triple serves every turn.
 */
class ReusingAuthentication extends ConfigurationBotFrameworkAuthentication {
  readonly #connectors = new Map<string, Promise<ConnectorClient>>();
  readonly #tokenClients = new Map<string, Promise<UserTokenClient>>();

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    const factory = result.connectorFactory;
    if (!factory) return result;
    const appId = appIdOf(result.claimsIdentity);
    return { ...result, connectorFactory: { create: (serviceUrl: string, audience?: string) => reuse(this.#connectors, `${appId}|${serviceUrl}|${audience ?? ""}`, () => factory.create(serviceUrl, audience)) } };
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return reuse(this.#tokenClients, appIdOf(claimsIdentity), () => super.createUserTokenClient(claimsIdentity));
  }
}

/** As botbuilder finds the bot's app id in a turn's claims: the audience, or the emulator's appid claim. */
const appIdOf = (identity: ClaimsIdentity) => identity.getClaimValue(AuthenticationConstants.AudienceClaim) ?? identity.getClaimValue(AuthenticationConstants.AppIdClaim) ?? "";

function reuse<T>(cache: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  let made = cache.get(key);
  if (!made) {
    // Service URLs come from activities: bounded, so a stream of made-up ones cannot grow the map.
    if (cache.size >= 100) cache.clear();
    made = make();
    cache.set(key, made);
    // A client that could not be made (credentials not available yet) is tried again next turn.
    made.catch(() => cache.delete(key));
  }
  return made;
}

/** `openIdMetadataUrl` replaces Bot Framework's signing-key document (sovereign clouds; tests' own keys). */
export function createTeamsAdapter(teams: Pick<Config["teams"], "appId" | "appPassword" | "appType" | "appTenantId">, onError: (err: unknown) => void, overrides: { openIdMetadataUrl?: string } = {}): TlsbotCloudAdapter {
  const adapter = new TlsbotCloudAdapter(new ReusingAuthentication({
    // botbuilder treats any one endpoint override as "configure everything": the rest stay public Azure's.
    ...(overrides.openIdMetadataUrl ? {
      ToBotFromChannelOpenIdMetadataUrl: overrides.openIdMetadataUrl,
      ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
      ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
      ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
      OAuthUrl: AuthenticationConstants.OAuthUrl,
      ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
      CallerId: CallerIdConstants.PublicAzureChannel,
    } : {}),
    ...(teams.appId ? { MicrosoftAppId: teams.appId } : {}),
    ...(teams.appPassword ? { MicrosoftAppPassword: teams.appPassword } : {}),
    MicrosoftAppType: teams.appType,
    ...(teams.appTenantId ? { MicrosoftAppTenantId: teams.appTenantId } : {}),
  }));
  adapter.onTurnError = async (ctx: TurnContext, err: Error) => {
    onError(err);
    // The user gets an answer rather than silence; details stay in the log.
    await ctx.sendActivity({ type: "message", text: translator(ctx.activity.locale?.startsWith("ja") ? "ja" : "en")("chat:error.retry") }).catch(() => {});
  };
  return adapter;
}

const FAILURE_STATUS: Record<TurnFailure, { status: number; error: string }> = {
  unauthorized: { status: 401, error: "unauthorized" },
  authUnavailable: { status: 503, error: "the request could not be authenticated now; try again later" },
  failed: { status: 500, error: "internal error" },
};

/** The fields every turn relies on; botbuilder would fail on them later with a TypeError (a 500). */
function activityProblem(body: unknown): string | null {
  if (!body || typeof body !== "object" || Array.isArray(body)) return "the body is not an activity object";
  const a = body as Record<string, unknown>;
  const str = (v: unknown) => typeof v === "string" && v.length > 0 && v.length <= 2048;
  const idOf = (v: unknown) => (v && typeof v === "object" ? (v as { id?: unknown }).id : undefined);
  if (!str(a["type"])) return "the activity has no type";
  if (!str(a["channelId"])) return "the activity has no channelId";
  if (!str(a["serviceUrl"])) return "the activity has no serviceUrl";
  if (!str(idOf(a["from"]))) return "the activity has no from.id";
  if (!str(idOf(a["conversation"]))) return "the activity has no conversation.id";
  if (!str(idOf(a["recipient"]))) return "the activity has no recipient.id";
  return null;
}

export interface TeamsRouteOptions {
  /** Unauthenticated local mode: only this machine's user, replies only to a loopback connector. */
  readonly local: boolean;
  readonly onError: (err: unknown) => void;
}

export function teamsRoute(adapter: TlsbotCloudAdapter, bot: TeamsBot, opts: TeamsRouteOptions): Route {
  return {
    method: "POST",
    pattern: /^\/api\/messages$/,
    async handler(req: HttpRequest, res: ServerResponse) {
      const refused = opts.local ? refuseNonLocal(req, { body: true }) : null;
      if (refused) return sendJson(res, refused.status, { error: refused.error });
      let body: unknown;
      try {
        body = JSON.parse(req.rawBody.toString("utf8"));
      } catch {
        return sendJson(res, 400, { error: "the body is not JSON" });
      }
      const problem = activityProblem(body);
      if (problem) return sendJson(res, 400, { error: problem });
      const activity = body as Activity;
      const badUrl = opts.local ? refuseServiceUrl(activity.serviceUrl) : null;
      if (badUrl) return sendJson(res, badUrl.status, { error: badUrl.error });
      const auth = req.headers.authorization ?? "";
      const outcome = await adapter.runTurn(auth, activity, (ctx) => bot.run(ctx));
      if (!outcome.ok) {
        opts.onError(outcome.err);
        const { status, error } = FAILURE_STATUS[outcome.failure];
        return sendJson(res, status, { error });
      }
      if (!outcome.invoke) {
        res.writeHead(200).end();
        return;
      }
      if (outcome.invoke.body === undefined) {
        res.writeHead(outcome.invoke.status).end();
        return;
      }
      sendJson(res, outcome.invoke.status, outcome.invoke.body);
    },
  };
}
