import type { Command, Help, HelpConfiguration } from "commander";
import type { TFunction } from "i18next";

/** Commander's help with its section titles translated; commands and options keep their spelling. */
export function localizedHelp(t: TFunction): HelpConfiguration {
  return {
    optionDescription(option) {
      const choices = option.argChoices ? ` (${t("cli:help.choices")}: ${option.argChoices.join(", ")})` : "";
      const repeat = option.variadic || /<id>|<kind>/.test(option.flags) ? ` ${t("cli:help.repeatable")}` : "";
      return `${option.description}${choices}${repeat}`;
    },
    formatHelp(cmd: Command, helper: Help): string {
      const width = helper.padWidth(cmd, helper);
      const item = (term: string, description: string) => (description ? `  ${term.padEnd(width + 2)}${description}` : `  ${term}`);
      const out: string[] = [`${t("cli:help.usage")} ${helper.commandUsage(cmd)}`, ""];
      const description = helper.commandDescription(cmd);
      if (description) out.push(description, "");
      const args = helper.visibleArguments(cmd).map((a) => item(helper.argumentTerm(a), helper.argumentDescription(a)));
      if (args.length) out.push(t("cli:help.arguments"), ...args, "");
      const options = helper.visibleOptions(cmd).map((o) => item(helper.optionTerm(o), helper.optionDescription(o)));
      if (options.length) out.push(t("cli:help.options"), ...options, "");
      const commands = helper.visibleCommands(cmd).map((c) => item(helper.subcommandTerm(c), helper.subcommandDescription(c)));
      if (commands.length) out.push(t("cli:help.commands"), ...commands, "");
      return out.join("\n");
    },
  };
}
