/**
 * Secrets out of text meant for people or logs: connection strings, bearer tokens, `name=value` pairs whose
 * name says secret, and Slack tokens. Pure string work; over-masking is preferred to a leak.
 */

export const MASK = "***";

/** Query parameters of a connection string that carry a secret or point at one (names compared decoded, case-insensitively). */
const SECRET_PARAM = /pass|pwd|secret|token|key|cred|sslcert/i;

/** `name=value`, `name: value` or `"name": "value"` where the name says secret (`password`, `sslpassword`, `client_secret`, `apiKey`…). */
const SECRET_NAME = String.raw`[A-Za-z0-9_.-]*(?:pass(?:word|wd)?|pwd|secret|token|key|credentials?|authorization)`;
const SECRET_PAIR = new RegExp(String.raw`(\b${SECRET_NAME}\b)(\s*=\s*|\s*:\s+)(?!\*\*\*)("[^"]*"|'[^']*'|[^\s&;,"'<>)]+)`, "gi");
const SECRET_JSON = new RegExp(String.raw`("${SECRET_NAME}"\s*:\s*)"(?:[^"\\]|\\.)*"`, "gi");
/** `scheme://user:password@` — the password may hold anything but `@` and whitespace. */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/?#@]*:)([^\s@]+)@/gi;
const AUTH_SCHEME = /\b(Bearer)\s+[A-Za-z0-9\-._~+/]+=*/gi;
const SLACK_TOKEN = /\b(xox[abposre]|xapp)-[A-Za-z0-9-]+/g;

/**
 * Masks every secret the patterns recognise in `text`, and every occurrence of the `known` secrets (raw,
 * URL-encoded and URL-decoded forms) — for errors that echo a value verbatim.
 */
export function redactSecrets(text: string, known: readonly string[] = []): string {
  let out = text;
  for (const secret of literalForms(known)) out = out.split(secret).join(MASK);
  return out
    .replace(URL_USERINFO, `$1${MASK}@`)
    .replace(AUTH_SCHEME, `$1 ${MASK}`)
    .replace(SLACK_TOKEN, `$1-${MASK}`)
    .replace(SECRET_JSON, `$1"${MASK}"`)
    .replace(SECRET_PAIR, `$1$2${MASK}`);
}

/**
 * A database URL fit for messages: the user's password and every secret query parameter (`password`,
 * `sslpassword`, `sslkey`, `sslcert`…, in any case or URL-encoding) masked; host, port and database kept.
 */
export function redactDatabaseUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return "(unparseable database URL)";
  }
  if (u.password) u.password = MASK;
  const params = [...u.searchParams.entries()];
  if (params.some(([name]) => SECRET_PARAM.test(name))) {
    u.search = "";
    for (const [name, value] of params) u.searchParams.append(name, SECRET_PARAM.test(name) ? MASK : value);
  }
  // Whatever the URL parser did not take for a password (one holding a stray `/` or `#`) is caught by the patterns.
  return redactSecrets(u.toString());
}

/** The secret values a database URL holds (its password and secret parameters), for masking them in error text. */
export function secretsOfDatabaseUrl(url: string): string[] {
  const out: string[] = [];
  try {
    const u = new URL(url);
    if (u.password) out.push(u.password);
    for (const [name, value] of u.searchParams) if (SECRET_PARAM.test(name) && value) out.push(value);
  } catch {
    // An unparseable URL is masked as a whole by callers that pass it in `known`.
  }
  return out;
}

/** A database URL's error text: the URL itself and each of its secrets masked wherever the driver echoed them. */
export function redactDatabaseError(text: string, url: string): string {
  return redactSecrets(text, [url, ...secretsOfDatabaseUrl(url)]);
}

/** The forms a secret can take in text: as given, URL-decoded and URL-encoded. Short values are left to the patterns. */
function literalForms(known: readonly string[]): string[] {
  const forms = new Set<string>();
  for (const secret of known) {
    const decoded = safeDecode(secret);
    for (const form of [secret, decoded, encodeURIComponent(secret), encodeURIComponent(decoded), encodeURIComponent(decoded).replace(/%20/g, "+")]) {
      if (form.length >= 3) forms.add(form);
    }
  }
  // Longest first, so a URL is masked whole before the password inside it.
  return [...forms].sort((a, b) => b.length - a.length);
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, " "));
  } catch {
    return value;
  }
}
