import type { Config } from "../../config/load-config.ts";
import type { Deliverer } from "../../posts/deliverer.ts";
import type { Route } from "../http/http-server.ts";
import type { TeamsBot } from "./teams-bot.ts";
import type { TeamsRouteOptions, TlsbotCloudAdapter } from "./teams-route.ts";
import type { TeamsDelivererOptions } from "./teams-deliverer.ts";

/** Teams allows about 7 messages a second per conversation. */
export const TEAMS_MIN_INTERVAL_MS = 150;

interface Loaded {
  readonly adapter: TlsbotCloudAdapter;
  readonly bot: TeamsBot;
  readonly routeModule: typeof import("./teams-route.ts");
  readonly delivererModule: typeof import("./teams-deliverer.ts");
}

/**
 * Teams and the local web chat (the same protocol) with botbuilder loaded on their first message or post,
 * not when `serve` starts: botbuilder, botframework-connector and what they pull in (MSAL, axios) hold
 * ≈ 18 MiB of heap and ≈ 30 MiB of RSS in a server that may wait hours for its first message. One adapter
 * and one bot are made then, shared by the route and the deliverers.
 */
export function lazyTeams(teams: Config["teams"], onError: (err: unknown) => void, makeBot: (module: typeof import("./teams-bot.ts")) => TeamsBot) {
  let loading: Promise<Loaded> | null = null;
  const load = () => (loading ??= (async () => {
    const [routeModule, botModule, delivererModule] = await Promise.all([import("./teams-route.ts"), import("./teams-bot.ts"), import("./teams-deliverer.ts")]);
    return { adapter: routeModule.createTeamsAdapter(teams, onError), bot: makeBot(botModule), routeModule, delivererModule };
  })().catch((err: unknown) => {
    loading = null;
    throw err;
  }));
  return {
    /** POST /api/messages, as `teamsRoute` serves it. */
    route(opts: TeamsRouteOptions): Route {
      let route: Route | null = null;
      return {
        method: "POST",
        pattern: /^\/api\/messages$/,
        async handler(req, res) {
          const loaded = await load();
          route ??= loaded.routeModule.teamsRoute(loaded.adapter, loaded.bot, opts);
          return route.handler(req, res);
        },
      };
    },
    /** A `teamsDeliverer` on the shared adapter. */
    deliverer(appId: string | undefined, opts: TeamsDelivererOptions = {}): Deliverer {
      let deliverer: Deliverer | null = null;
      const real = async () => {
        const loaded = await load();
        return (deliverer ??= loaded.delivererModule.teamsDeliverer(loaded.adapter, appId, opts));
      };
      return {
        platform: opts.platform ?? "teams",
        minIntervalMs: TEAMS_MIN_INTERVAL_MS,
        send: async (conversation, post) => (await real()).send(conversation, post),
        update: async (conversation, ref, post) => (await real()).update(conversation, ref, post),
      };
    },
  };
}
