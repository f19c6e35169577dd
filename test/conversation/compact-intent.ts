import type { Intent } from "../../src/conversation/intent.ts";

/**
 * The compact form intent cases and real-question labels are written in: `list kinds=redis tls=lt1.2
 * status=at-risk+overdue due=thisMonth sub=… rg=… unset`, `resource NAME`, `upgrade [ids=N to=V|default] [to=V [cannot=KINDS]]`, `retirements [ids]`, `overview [sub=… rg=…] [unknown=NAME]`, `help
 * [greeting|thanks]`, `unknown`, … Subscription ids print as the name `subName` gives them.
 */
export function compactIntent(i: Intent, subName: (id: string) => string = (id) => id): string {
  switch (i.type) {
    case "list": {
      const f = i.filter;
      const due = f.due ? `due=${f.due.label === "days" || f.due.label === "weeks" || f.due.label === "months" ? `${f.due.label}${f.due.amount}` : f.due.label}` : "";
      return ["list", f.kinds ? `kinds=${[...f.kinds].sort().join("+")}` : "", f.tls ? `tls=${f.tls.op}${f.tls.version}` : "", f.statuses ? `status=${[...f.statuses].sort().join("+")}` : "", due,
        f.subscriptionIds ? `sub=${f.subscriptionIds.map(subName).join("+")}` : "", f.resourceGroups ? `rg=${f.resourceGroups.join("+")}` : "",
        f.unset ? "unset" : "", f.resourceIds ? `ids=${f.resourceIds.length}` : ""].filter(Boolean).join(" ");
    }
    case "overview": return ["overview", i.scope?.subscriptionIds ? `sub=${i.scope.subscriptionIds.map(subName).join("+")}` : "", i.scope?.resourceGroups ? `rg=${i.scope.resourceGroups.join("+")}` : "",
      i.unknownName ? `unknown=${i.unknownName}` : ""].filter(Boolean).join(" ");
    case "resource": return `resource ${i.resourceId.split("/").pop()}`;
    case "language": return `language ${i.lang}`;
    case "subscribe": return ["subscribe", i.scopes.length ? i.scopes.map(subName).join("+") : "*", i.langs ?? ""].filter(Boolean).join(" ");
    case "snooze": return ["snooze", String(i.days ?? "?"), i.retirementId ?? "*"].join(" ");
    case "resume": return ["resume", i.retirementId ?? "*"].join(" ");
    case "help": return i.reason ? `help ${i.reason}` : "help";
    case "retirements": return ["retirements", ...(i.retirementIds ?? []), ...(i.kindsWithout ?? []).map((k) => `-${k}`)].join(" ");
    // A typo'd name prints as "upgrade" alone; the rest say which resources and where to.
    case "upgrade": return ["upgrade", i.resourceIds.length ? `ids=${i.resourceIds.length} to=${i.target ?? "default"}` : "",
      i.unsupportedKinds ? `to=${i.target} cannot=${[...i.unsupportedKinds].sort().join("+")}` : !i.resourceIds.length && i.target && i.unknownName === undefined ? `to=${i.target}` : ""].filter(Boolean).join(" ");
    case "notices": return i.noticeId === null ? "notices" : `notices ${i.noticeId}`;
    case "noticeDecision": return ["notice", i.decision, String(i.noticeId), i.deadline ?? ""].filter(Boolean).join(" ");
    default: return i.type;
  }
}
