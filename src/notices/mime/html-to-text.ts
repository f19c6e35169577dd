/**
 * HTML to plain text for reading, never for display: scripts, styles and comments are dropped, block
 * elements become line breaks, entities are decoded. A small linear scanner rather than a DOM, so that
 * hostile or huge HTML costs time proportional to its size and nothing is ever executed or fetched.
 */
const BLOCK = new Set(["p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "blockquote", "hr", "section", "article", "header", "footer", "title", "pre", "dd", "dt"]);
const CELL = new Set(["td", "th"]);
const DROP = /<(script|style|head|noscript|template|svg|object|iframe)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;

const NAMED: Record<string, string> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", ndash: "–", mdash: "—", hellip: "…",
  rsquo: "’", lsquo: "‘", rdquo: "”", ldquo: "“", copy: "©", reg: "®", trade: "™", middot: "·", bull: "•", zwnj: "", zwj: "", shy: "",
};

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (m, body: string) => {
    if (body[0] === "#") {
      const code = body[1] === "x" || body[1] === "X" ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
    }
    return NAMED[body.toLowerCase()] ?? m;
  });
}

export function htmlToText(html: string): string {
  const withoutDropped = html.replace(/<!--[\s\S]*?-->/g, " ").replace(DROP, " ");
  let out = "";
  let i = 0;
  while (i < withoutDropped.length) {
    const lt = withoutDropped.indexOf("<", i);
    if (lt < 0) {
      out += withoutDropped.slice(i);
      break;
    }
    out += withoutDropped.slice(i, lt);
    const gt = withoutDropped.indexOf(">", lt + 1);
    if (gt < 0) {
      out += withoutDropped.slice(lt);
      break;
    }
    const tag = withoutDropped.slice(lt + 1, gt);
    const name = /^\/?\s*([a-z0-9]+)/i.exec(tag)?.[1]?.toLowerCase() ?? "";
    if (BLOCK.has(name)) out += "\n";
    else if (CELL.has(name)) out += " \t ";
    else if (name === "a" && !tag.startsWith("/")) {
      // Keep link targets: notices put their references (and SafeLinks) there.
      const href = /\bhref\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(tag);
      const url = href?.[2] ?? href?.[3] ?? href?.[4];
      if (url && /^https?:/i.test(url)) out += ` <${decodeEntities(url)}> `;
    }
    i = gt + 1;
  }
  return decodeEntities(out)
    .replace(/[ \t\u00a0]+/g, " ")
    .replace(/ *\n */g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
