import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { KIND_DEFINITIONS } from "../../src/azure/kinds/registry.ts";

// The Bicep CLI is a .NET tool this machine cannot install: these checks read the files instead —
// structure, the roles against the README's RBAC table, and API versions against the published specs.
const root = new URL("../../", import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), "utf8");
const main = read("deploy/main.bicep");
const roles = read("deploy/upgrade-roles.bicep");
const dockerfile = read("Dockerfile");
const readme = read("README.md");

/**
 * API versions each resource type is declared with, checked present in Azure/azure-rest-api-specs
 * (specification/<service>/resource-manager/<namespace>/stable/<version>/…): a typo'd or preview-only
 * version fails the deployment on Azure, so it fails here first.
 */
const PUBLISHED: Record<string, readonly string[]> = {
  "Microsoft.ManagedIdentity/userAssignedIdentities": ["2023-01-31"],
  "Microsoft.OperationalInsights/workspaces": ["2022-10-01"],
  "Microsoft.DBforPostgreSQL/flexibleServers": ["2022-12-01"],
  "Microsoft.DBforPostgreSQL/flexibleServers/databases": ["2022-12-01"],
  "Microsoft.DBforPostgreSQL/flexibleServers/firewallRules": ["2022-12-01"],
  "Microsoft.KeyVault/vaults": ["2023-07-01"],
  "Microsoft.KeyVault/vaults/secrets": ["2023-07-01"],
  "Microsoft.Authorization/roleAssignments": ["2022-04-01"],
  "Microsoft.Authorization/roleDefinitions": ["2022-04-01"],
  "Microsoft.App/managedEnvironments": ["2024-03-01"],
  "Microsoft.App/containerApps": ["2024-03-01"],
};

const resources = (bicep: string) => [...bicep.matchAll(/^resource\s+(\w+)\s+'([^'@]+)@([^']+)'/gm)].map((m) => ({ symbol: m[1]!, type: m[2]!, version: m[3]! }));
/** Each `param` with its type and the decorator lines just above it. */
function params(bicep: string): Map<string, { decorators: string; type: string }> {
  const lines = bicep.split("\n");
  const out = new Map<string, { decorators: string; type: string }>();
  lines.forEach((line, i) => {
    const m = /^param\s+(\w+)\s+(\w+)/.exec(line);
    if (!m) return;
    let j = i - 1;
    while (j >= 0 && lines[j]!.startsWith("@")) j--;
    out.set(m[1]!, { decorators: lines.slice(j + 1, i).join("\n"), type: m[2]! });
  });
  return out;
}
const readmeActions = () => {
  const table = readme.slice(readme.indexOf("**Azure permissions for upgrades**"), readme.indexOf("IoT hub device evidence"));
  return new Set([...table.matchAll(/`(Microsoft\.[A-Za-z]+\/[A-Za-z/]+\/(?:write|[A-Za-z]+\/action))`/g)].map((m) => m[1]!));
};
const bicepActions = () => new Set([...roles.slice(roles.indexOf("var upgradeActions"), roles.indexOf("]", roles.indexOf("var upgradeActions"))).matchAll(/'(Microsoft\.[^']+)'/g)].map((m) => m[1]!));

describe("the example deployment (deploy/*.bicep)", () => {
  it("declares every resource with an API version published in the REST specs", () => {
    const all = [...resources(main), ...resources(roles)];
    expect(all.length).toBeGreaterThanOrEqual(12);
    for (const r of all) expect(PUBLISHED[r.type], `${r.symbol}: ${r.type}@${r.version}`).toContain(r.version);
  });

  it("runs N replicas of one image on Container Apps with PostgreSQL flexible server as the shared store", () => {
    const p = params(main);
    expect(p.get("replicas")?.type).toBe("int");
    expect(p.get("image")?.type).toBe("string");
    expect(main).toMatch(/minReplicas:\s*replicas/);
    expect(main).toMatch(/maxReplicas:\s*replicas/);
    expect(main).toMatch(/'database-url':\s*'postgres:\/\/.*sslmode=require'/);
    expect(main).toMatch(/name: envFromSecret\[s\.key\], secretRef: s\.key/);
    expect(main).toMatch(/'database-url': 'TLSBOT_DATABASE_URL'/);
    expect(main).toMatch(/path: '\/healthz'/);
    expect(main).toMatch(/path: '\/readyz'/);
  });

  it("keeps every credential in Key Vault, read by the app's identity, never in a plain environment value", () => {
    const p = params(main);
    for (const name of ["postgresAdminPassword", "microsoftAppPassword", "slackBotToken", "slackSigningSecret"]) {
      expect(p.get(name)?.decorators, name).toContain("@secure()");
      // Used only to build Key Vault secrets (or the server's admin password), never as an env value.
      expect(main).not.toMatch(new RegExp(`value:\\s*${name}\\b`));
    }
    expect(main).toMatch(/keyVaultUrl: '\$\{vault\.properties\.vaultUri\}secrets\/\$\{s\.key\}'/);
    expect(main).toMatch(/enableRbacAuthorization: true/);
    // Key Vault Secrets User, scoped to the vault.
    expect(main).toMatch(/keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'/);
  });

  it("grants Reader plus exactly the README's upgrade write actions, in a custom role — no Contributor, no Owner", () => {
    expect(roles).toMatch(/readerRoleId = 'acdd72a7-3385-48ef-bd42-f606fba81ae7'/);
    // Contributor and Owner: never.
    for (const broad of ["b24988ac-6180-42a0-ab88-20f7382dd24c", "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"]) {
      expect(main + roles).not.toContain(broad);
    }
    const documented = readmeActions();
    expect(documented.size).toBeGreaterThanOrEqual(13);
    expect([...bicepActions()].sort()).toEqual([...documented].sort());
    expect(roles).not.toMatch(/'\*'|\/\*'/);
    // Every scannable kind's provider has its write.
    for (const d of KIND_DEFINITIONS) {
      const namespace = d.armTypes[0].split("/")[0]!.toLowerCase();
      expect([...documented].some((a) => a.toLowerCase().startsWith(`${namespace}/`)), d.id).toBe(true);
    }
  });

  it("assigns the roles in every scanned subscription, and upgrades only when asked", () => {
    expect(main).toMatch(/module roles 'upgrade-roles\.bicep' = \[for subscriptionId in scannedSubscriptionIds:/);
    expect(main).toMatch(/scope: subscription\(subscriptionId\)/);
    expect(roles).toMatch(/^targetScope = 'subscription'/m);
    expect(roles).toMatch(/resource upgrader '[^']+' = if \(allowUpgrades\)/);
    expect(roles).toMatch(/resource upgraderAssignment '[^']+' = if \(allowUpgrades\)/);
  });
});

describe("the container image (Dockerfile)", () => {
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const runtime = stages.at(-1)!;

  it("runs on Node 20 slim as the image's unprivileged user, with production dependencies only", () => {
    expect(stages.every((s) => s.startsWith("node:20-slim"))).toBe(true);
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime.indexOf("USER node")).toBeLessThan(runtime.indexOf("CMD"));
    expect(dockerfile).toMatch(/npm ci\b/);
    expect(dockerfile).toMatch(/npm prune --omit=dev/);
    expect(runtime).toMatch(/^CMD \["node", "bin\/tlsbot\.js", "serve"\]$/m);
    expect(runtime).toMatch(/TLSBOT_HOST=0\.0\.0\.0/);
  });

  it("has a health check on /healthz and copies every folder the sources read at run time", () => {
    expect(runtime).toMatch(/^HEALTHCHECK .*\n?.*\/healthz/m);
    for (const dir of ["bin", "src", "locales", "cards"]) expect(dockerfile, dir).toMatch(new RegExp(`^COPY ${dir} \\./${dir}$`, "m"));
    expect(readFileSync(new URL(".dockerignore", root), "utf8")).toMatch(/^node_modules$/m);
  });

  it("sends every file a COPY names into the build (.dockerignore leaves it in), and leaves the built store template readable to the node user", () => {
    // Docker's rule: the last pattern that matches a path or one of its parent folders decides; `!` lets it back in.
    const patterns = readFileSync(new URL(".dockerignore", root), "utf8").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
    const ignored = (path: string): boolean => {
      let out = false;
      for (const p of patterns) {
        const negated = p.startsWith("!");
        const pat = (negated ? p.slice(1) : p).replace(/\/$/, "");
        if (path === pat || path.startsWith(`${pat}/`)) out = !negated;
      }
      return out;
    };
    const sources = [...dockerfile.matchAll(/^COPY (?!--from)(.+)$/gm)].flatMap((m) => m[1]!.trim().split(/\s+/).slice(0, -1));
    expect(sources).toContain("scripts/build.js");
    for (const src of sources) expect(ignored(src), src).toBe(false);
    expect(ignored("test/x.ts")).toBe(true);
    // The template is made by root in the build stage and copied into each new data directory by the node user.
    expect(stages[0]).toMatch(/chmod -R a\+rX dist/);
  });

  it("copies what `npm ci`'s prepare step needs before running it (the build script and its tsconfig)", () => {
    const build = stages[0]!;
    const pkg = JSON.parse(readFileSync(new URL("package.json", root), "utf8")) as { scripts: Record<string, string> };
    const script = /node (\S+)/.exec(pkg.scripts["prepare"] ?? "")?.[1];
    expect(script).toBeDefined();
    const buildScript = readFileSync(new URL(script!, root), "utf8");
    const npmCi = build.search(/^RUN npm ci/m);
    const copied = (file: string) => {
      const at = build.search(new RegExp(`^COPY .*\\b${file.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}\\b`, "m"));
      return at >= 0 && at < npmCi;
    };
    expect(copied(script!), script).toBe(true);
    for (const [, config] of buildScript.matchAll(/"(tsconfig[\w.]*\.json)"/g)) expect(copied(config!), config).toBe(true);
  });
});
