import type { Command } from "../conversation/command.ts";
import type { Telemetry } from "./telemetry.ts";

interface Handles<R> {
  handle(cmd: Command): Promise<R>;
}

/** The engine with each answer's latency recorded per platform (an answer that is an error view counts as "error"). */
export function timedEngine<R extends { readonly view: { readonly type: string } }, E extends Handles<R>>(engine: E, sink: Pick<Telemetry, "chatReply">): E {
  return {
    ...engine,
    async handle(cmd: Command): Promise<R> {
      const started = performance.now();
      const seconds = () => (performance.now() - started) / 1000;
      try {
        const reply = await engine.handle(cmd);
        sink.chatReply(cmd.actor.platform, seconds(), reply.view.type === "error" ? "error" : "ok");
        return reply;
      } catch (err) {
        sink.chatReply(cmd.actor.platform, seconds(), "error");
        throw err;
      }
    },
  };
}
