import { RETIREMENTS } from "../../catalog/lookup.ts";
import { OTHER_SERVICE_TYPES } from "../../catalog/service-resource-types.ts";
import { SERVICE_SYNONYMS } from "../../catalog/service-synonyms.ts";
import type { Evidence } from "../notice.ts";

interface Synonym {
  readonly id: string;
  readonly re: RegExp;
  /** Lower-cased text every match contains (the name's longest word): a text without it is not searched. */
  readonly needle?: string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s*");

/** "Azure Cache for Redis" → "Cache": every match holds each word, and a long one is rarely in a mail by chance. */
const longestWord = (name: string): string => name.split(" ").reduce((a, b) => (b.length > a.length ? b : a), "");

const SYNONYMS: Synonym[] = Object.entries(SERVICE_SYNONYMS)
  .flatMap(([id, names]) => [...names.en, ...names.ja].map((name) => ({ id, name })))
  .sort((a, b) => b.name.length - a.name.length)
  .map(({ id, name }) => ({ id, re: new RegExp(`(?<![A-Za-z0-9])${escape(name)}(?![A-Za-z0-9])`, "gi"), needle: longestWord(name).toLowerCase() }));

/** Every other service's names, longest first: what a short name may be listed beside. */
const OTHER_NAMES = [
  ...Object.entries(SERVICE_SYNONYMS).filter(([id]) => id !== "storage-tls10-11").flatMap(([, n]) => [...n.en, ...n.ja]),
  ...OTHER_SERVICE_TYPES.flatMap(({ en, ja }) => [...en, ...ja]),
].sort((a, b) => b.length - a.length).map(escape).join("|");
/** How a list joins its items: "X and Y", "X, Y", "X/Y", 「X と Y」「X や Y」「X、Y」. */
const LISTED = "\\s*(?:,|、|&|/|\\band\\b|\\bor\\b|と|や|および|及び)\\s*";

/**
 * Short names that are also common nouns ("storage"): they name the service only when written as one —
 * capitalised and the subject of what follows ("Storage is retiring …", "Storage will stop …"), or listed beside
 * another service's name ("Storage and App Service should …", 「App Service や Storage」).
 */
const CAPITALISED_SHORT_NAMES: Synonym[] = [
  { id: "storage-tls10-11", re: /(?<![A-Za-z0-9])Storage(?=\s+(?:is|will|has|was|won't|no longer|stops?|retires?)\b)/g },
  {
    id: "storage-tls10-11",
    re: new RegExp(`(?<![A-Za-z0-9])Storage(?![A-Za-z0-9])(?:(?=${LISTED}(?:${OTHER_NAMES})(?![A-Za-z0-9]))|(?<=(?<![A-Za-z0-9])(?:${OTHER_NAMES})${LISTED}Storage))`, "g"),
    needle: "storage",
  },
];

/**
 * Services named in the text, most mentioned first, each with its first mention. The subject counts
 * double: it names what the notice is about; the body may list related services in passing.
 */
export function findServices(subject: string, text: string): Array<{ id: string; evidence: Evidence; count: number }> {
  const hits = new Map<string, { evidence: Evidence; count: number }>();
  // Which characters a name already took: a longer name read first keeps them ("Azure Database for MySQL" before
  // "MySQL"). One flag per character, so a list of thousands of names is checked in time linear in their length.
  const taken = new Uint8Array(text.length);
  // Most names are in neither text: a substring test on the lower-cased texts skips their regexes, which
  // otherwise each try every position of a long mail (a case-insensitive match of an ASCII or Japanese name
  // always contains each of its words lower-cased).
  const lowerText = text.toLowerCase();
  const lowerSubject = subject.toLowerCase();
  for (const s of [...SYNONYMS, ...CAPITALISED_SHORT_NAMES]) {
    const inText = s.needle === undefined || lowerText.includes(s.needle);
    if (!inText && !lowerSubject.includes(s.needle ?? "")) continue;
    s.re.lastIndex = 0;
    for (let m = inText ? s.re.exec(text) : null; m; m = s.re.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (taken.subarray(start, end).includes(1)) continue;
      taken.fill(1, start, end);
      const prev = hits.get(s.id);
      hits.set(s.id, { evidence: prev?.evidence ?? { text: m[0], start, end }, count: (prev?.count ?? 0) + 1 });
    }
    s.re.lastIndex = 0;
    if (s.re.test(subject)) {
      const prev = hits.get(s.id);
      if (prev) prev.count += 2;
    }
  }
  return [...hits.entries()].map(([id, h]) => ({ id, ...h })).sort((a, b) => b.count - a.count);
}

export function resourceTypesOf(serviceIds: readonly string[]): string[] {
  return [...new Set(serviceIds.flatMap((id) => RETIREMENTS.find((r) => r.id === id)?.resourceTypes ?? []))];
}

const key = (name: string): string => name.toLowerCase().replace(/\s+/g, "");
const OTHER_TYPES = new Map<string, string[]>();
for (const { types, en, ja } of OTHER_SERVICE_TYPES) for (const name of [...en, ...ja]) OTHER_TYPES.set(key(name), [...(OTHER_TYPES.get(key(name)) ?? []), ...types]);
interface TrieNode { end: boolean; next: Map<string, TrieNode> }

/**
 * One alternation for many names, nested by word ("Azure (?:Front Door|Database for (?:MySQL|…))"), each level
 * trying the longer continuation first: a flat list of a hundred names is tried name by name at every
 * position of every mail, and was the reader's slowest step.
 */
function trieSource(names: readonly string[]): string {
  const root: TrieNode = { end: false, next: new Map() };
  for (const name of names) {
    let node = root;
    for (const word of name.toLowerCase().split(/\s+/).filter(Boolean)) {
      let child = node.next.get(word);
      if (!child) node.next.set(word, (child = { end: false, next: new Map() }));
      node = child;
    }
    node.end = true;
  }
  const emit = (node: TrieNode): string => [...node.next.entries()]
    .sort(([a], [b]) => b.length - a.length)
    .map(([word, child]) => {
      const rest = child.next.size ? `\\s*${emit(child)}` : "";
      return `${escape(word)}${rest ? (child.end ? `(?:${rest})?` : rest) : ""}`;
    })
    .reduce((acc, alt, i) => (i === 0 ? alt : `${acc}|${alt}`), "")
    .replace(/^(.*)$/s, "(?:$1)");
  return emit(root);
}

// One pass over the text for all names (longest first), rather than one per name.
const OTHER_RE = new RegExp(`(?<![A-Za-z0-9])${trieSource(OTHER_SERVICE_TYPES.flatMap(({ en, ja }) => [...en, ...ja]))}(?![A-Za-z0-9])`, "gi");
const ARM_TYPE = /\bMicrosoft\.[A-Z][A-Za-z]+\/[A-Za-z]+(?:\/[A-Za-z]+)?\b/g;

/**
 * Every name of every service (catalog and other), also without its "Azure"/"Microsoft" prefix: a table's
 * service column writes "Relay", "Automation account", where running text would write "Azure Relay".
 */
const CELL_TYPES = new Map<string, string[]>();
const addCellName = (name: string, types: readonly string[]) => {
  for (const n of [name, name.replace(/^(?:Azure|Microsoft)\s+/i, "")]) CELL_TYPES.set(key(n), [...new Set([...(CELL_TYPES.get(key(n)) ?? []), ...types])]);
};
for (const { types, en, ja } of OTHER_SERVICE_TYPES) for (const name of [...en, ...ja]) addCellName(name, types);
for (const [id, names] of Object.entries(SERVICE_SYNONYMS)) for (const name of [...names.en, ...names.ja]) addCellName(name, resourceTypesOf([id]));

/**
 * A Markdown table's separator row ("|---|:---:|", "> --- | ---"): cells of three or more dashes, at least one pipe after
 * one. Read cell by cell: one pattern with blanks on both sides of each cell would try every way of sharing a run of
 * thousands of blanks between them.
 */
function isTableSeparator(line: string): boolean {
  let body = line.trimStart();
  if (body.startsWith(">")) body = body.slice(1).trimStart();
  if (body.startsWith("|")) body = body.slice(1);
  const cells = body.split("|");
  if (cells.length < 2) return false;
  const last = cells[cells.length - 1] as string;
  return cells.slice(0, -1).every(isDashCell) && (last.trim() === "" || isDashCell(last));
}
const isDashCell = (cell: string): boolean => /^:?-{3,}:?$/.test(cell.trim());
/** A column that names the service each row is about. */
const SERVICE_HEADER = /^(?:(?:azure )?services?(?: name| type)?|products?(?: name)?|resource type|サービス(?:名)?|製品(?:名)?|対象サービス)$/i;
/**
 * A cell that stacks several lines ("Relay", then "├ Support for TLS 1.0", "└ Support for TLS 1.1": HTML line breaks
 * inside a Markdown table, which become line ends when the mail is read as text) names its column, or its row's
 * service, on its first line; the lines below are details.
 */
const CELL_BREAK = /<br\s*\/?>|\n/i;
const cells = (row: string): string[] => row.replace(/^\s*(?:>\s*)?\|?/, "").replace(/\|\s*$/, "").split("|").map((c) => (c.split(CELL_BREAK)[0] ?? "").trim());
const OPENS_ROW = /^\s*(?:>\s*)?\|/;
const CLOSES_ROW = /\|\s*$/;
/** How many lines one broken row may run over (a cell's lines of detail). */
const MAX_ROW_LINES = 20;

/** The text's lines with a table row that line breaks split ("| Relay" … "└ Support for TLS 1.1 | February 28, 2025 |") joined again. */
function tableRows(text: string): string[] {
  const lines = text.split("\n");
  const rows: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    let row = lines[i] as string;
    if (OPENS_ROW.test(row) && !CLOSES_ROW.test(row)) {
      let j = i + 1;
      while (j < lines.length && j - i < MAX_ROW_LINES && !OPENS_ROW.test(lines[j] as string) && !CLOSES_ROW.test(lines[j] as string) && (lines[j] as string).trim()) j++;
      if (j < lines.length && j - i < MAX_ROW_LINES && !OPENS_ROW.test(lines[j] as string) && CLOSES_ROW.test(lines[j] as string)) {
        row = lines.slice(i, j + 1).join("\n");
        i = j;
      }
    }
    rows.push(row);
  }
  return rows;
}

/**
 * The ARM types of the services a table lists in its service column ("| Relay | Support for TLS 1.0 |"): in
 * that column a bare short name is the service, which in running text would be too common a word to trust.
 */
export function tableServiceTypes(text: string): string[] {
  if (!text.includes("|")) return [];
  const lines = tableRows(text);
  const types = new Set<string>();
  for (let i = 1; i < lines.length; i++) {
    if (!isTableSeparator(lines[i] as string) || !(lines[i - 1] as string).includes("|")) continue;
    const column = cells(lines[i - 1] as string).findIndex((c) => SERVICE_HEADER.test(c));
    if (column < 0) continue;
    for (let j = i + 1; j < lines.length && (lines[j] as string).includes("|"); j++) {
      const cell = cells(lines[j] as string)[column] ?? "";
      for (const t of CELL_TYPES.get(key(cell)) ?? []) types.add(t);
    }
  }
  return [...types];
}

/**
 * A database engine named bare in a notice about Azure ("our PostgreSQL DB … we run the whole thing in Azure")
 * is Azure's managed service for that engine: people write the engine, not the product's name. Not when the
 * engine names another product ("Azure Cosmos DB for PostgreSQL"; "Azure Database for MySQL" is read whole).
 */
const BARE_ENGINE = /(?<![A-Za-z0-9])(?<!\bfor\s{1,3})(PostgreSQL|Postgres|MySQL|MariaDB)(?![A-Za-z0-9])/gi;
const ENGINE_PRODUCT: Readonly<Record<string, string>> = { postgresql: "PostgreSQL", postgres: "PostgreSQL", mysql: "MySQL", mariadb: "MariaDB" };

function bareEngineTypes(all: string): string[] {
  if (!/\bAzure\b/.test(all)) return [];
  const types = new Set<string>();
  for (const m of all.matchAll(BARE_ENGINE)) {
    const product = ENGINE_PRODUCT[(m[1] ?? "").toLowerCase()];
    for (const t of product ? OTHER_TYPES.get(key(`Azure Database for ${product}`)) ?? [] : []) types.add(t);
  }
  return [...types];
}

/** A Microsoft Learn page of an Azure service: the path's first folder after "azure/" is the service ("azure/batch/…", "azure/frontdoor/…"). */
const LEARN_LINK = /\b(?:learn|docs)\.microsoft\.com\/(?:[a-z]{2}(?:-[a-z]{2,4}){1,2}\/)?azure\/([a-z0-9-]+)(?=[/?#)\]\s]|$)/gi;
/** A link given for further reading ("see …", "for more information", 「詳細は…を参照」) names a page, not what retires. */
const FURTHER_READING = /\b(?:see|refer to|for more(?: information| details)?|learn more|read more)\b[^.\n]{0,80}$|(?:詳細|詳しく)[^。\n]{0,40}$/i;

/**
 * The services whose Learn pages the sentences that retire legacy TLS link to ("[TLS 1.0/1.1 on Dataplane API](https://learn.
 * microsoft.com/azure/batch/…)"): a retirement's own link names what it retires even where its words only say "Dataplane
 * API". Links elsewhere in a notice (further reading, another service in passing) name nothing.
 */
function linkedServiceTypes(text: string, spans: ReadonlyArray<{ start: number; end: number }>): string[] {
  const types = new Set<string>();
  for (const s of spans) {
    const sentence = text.slice(s.start, s.end);
    for (const m of sentence.matchAll(LEARN_LINK)) {
      if (FURTHER_READING.test(sentence.slice(Math.max(0, m.index - 120), m.index))) continue;
      for (const t of CELL_TYPES.get(key((m[1] ?? "").replace(/-/g, ""))) ?? []) types.add(t);
    }
  }
  return [...types];
}

/**
 * Every ARM type the notice names: written out ("Microsoft.Web/sites"), or through a service the catalog
 * has no retirement for (HDInsight, Front Door, VMs (classic) …), or through the Learn page its TLS sentences
 * (`tlsSpans`) link to. The catalog's services add theirs in parse-notice through `resourceTypesOf`.
 */
export function findNamedResourceTypes(subject: string, text: string, tlsSpans: ReadonlyArray<{ start: number; end: number }> = []): string[] {
  const all = `${subject}\n${text}`;
  const types = new Set<string>();
  for (const m of all.matchAll(OTHER_RE)) for (const t of OTHER_TYPES.get(key(m[0])) ?? []) types.add(t);
  for (const m of all.matchAll(ARM_TYPE)) types.add(m[0]);
  for (const t of tableServiceTypes(text)) types.add(t);
  for (const t of bareEngineTypes(all)) types.add(t);
  for (const t of linkedServiceTypes(text, tlsSpans)) types.add(t);
  return [...types];
}
