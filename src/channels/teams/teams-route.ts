import { CallerIdConstants, CloudAdapter, ConfigurationBotFrameworkAuthentication, StatusCodes, type Activity, type InvokeResponse, type TurnContext } from "botbuilder";
import { AuthenticationConstants, AuthenticationError, type AuthenticateRequestResult } from "botframework-connector";
import type { ServerResponse } from "node:http";
import type { Config } from "../../config/load-config.ts";
import { translator } from "../../render/i18n.ts";
import { sendJson, type HttpRequest, type Route } from "../http/http-server.ts";
import type { TeamsBot } from "./teams-bot.ts";

/**
 * botbuilder answers 500 when a token's signature, expiry or format is wrong (jsonwebtoken's errors are
 * not its AuthenticationError); a rejected token is a 401.
 */
class TlsbotCloudAdapter extends CloudAdapter {
  protected override async processActivity(auth: string | AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    try {
      return await (super.processActivity as (a: unknown, b: Activity, c: (context: TurnContext) => Promise<void>) => Promise<InvokeResponse | undefined>)(auth, activity, logic);
    } catch (err) {
      const name = (err as Error).name;
      if (name === "JsonWebTokenError" || name === "TokenExpiredError" || name === "NotBeforeError") throw new AuthenticationError((err as Error).message, StatusCodes.UNAUTHORIZED);
      throw err;
    }
  }
}

/** `openIdMetadataUrl` replaces Bot Framework's signing-key document (sovereign clouds; tests' own keys). */
export function createTeamsAdapter(teams: Config["teams"], onError: (err: unknown) => void, overrides: { openIdMetadataUrl?: string } = {}): CloudAdapter {
  const adapter = new TlsbotCloudAdapter(new ConfigurationBotFrameworkAuthentication({
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

/** botbuilder expects express-style req/res; node:http's are adapted here and nowhere else. */
function expressLike(res: ServerResponse) {
  let status = 200;
  let body: unknown;
  return {
    status(code: number) { status = code; return this; },
    send(b: unknown) { body = b; return this; },
    header(name: string, value: string) { res.setHeader(name, value); return this; },
    end() {
      if (res.writableEnded) return;
      if (body === undefined) { res.writeHead(status); res.end(); return; }
      const text = typeof body === "string" ? body : JSON.stringify(body);
      res.writeHead(status, { "content-type": typeof body === "string" ? "text/plain; charset=utf-8" : "application/json; charset=utf-8" });
      res.end(text);
    },
  };
}

export function teamsRoute(adapter: CloudAdapter, bot: TeamsBot): Route {
  return {
    method: "POST",
    pattern: /^\/api\/messages$/,
    async handler(req: HttpRequest, res: ServerResponse) {
      let body: unknown;
      try {
        body = JSON.parse(req.rawBody.toString("utf8"));
      } catch {
        sendJson(res, 400, { error: "the body is not JSON" });
        return;
      }
      const expressReq = { method: req.method, headers: req.headers, body };
      await adapter.process(expressReq as never, expressLike(res) as never, (ctx) => bot.run(ctx));
    },
  };
}
