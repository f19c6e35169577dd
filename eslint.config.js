import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: [".scratch/**", "node_modules/**", "test/artifacts/**", ".tlsbot/**", "coverage/**", "dist/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": "off",
    },
  },
  {
    // ARCHITECTURE.md's "never" arrows: adapters carry messages; use cases own the store and Azure.
    files: ["src/channels/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [
        { group: ["**/store/**", "**/store/*"], message: "Channel adapters never import the store: a use case hands them what they need." },
        { group: ["**/azure/**", "**/azure/*"], message: "Channel adapters never import Azure: the use cases call it." },
        { group: ["**/approvals/**", "**/approvals/*"], message: "Channel adapters reach the approval workflow only through the engine." },
      ] }],
    },
  },
  {
    // The domain is pure: no I/O, no outer layer.
    files: ["src/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", {
        paths: ["node:fs", "node:fs/promises", "node:http", "node:https", "node:child_process", "node:os", "fs", "http", "https"],
        patterns: [{ group: ["**/store/**", "**/azure/**", "**/channels/**", "**/cli/**", "**/approvals/**", "**/posts/**"], message: "The domain depends on nothing outside it." }],
      }],
    },
  },
  {
    // The conversation and render layers read resource kinds from their pure definitions (names, synonyms,
    // TLS rules) and never load Azure SDK code; type-only imports (erased at run time) are allowed.
    files: ["src/conversation/**/*.ts", "src/render/**/*.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": ["error", { patterns: [{
        regex: "(^@azure/)|(/azure/(?!kinds/(registry|kind-definition)\\.ts$)(?!kinds/[^/]+/[^/]+-definition\\.ts$))",
        allowTypeImports: true,
        message: "Conversation and render may import only kind definitions (src/azure/kinds/registry.ts, */*-definition.ts), not Azure SDK code.",
      }] }],
    },
  },
  {
    // A kind's definition and the registry stay free of SDK code, so the layers above can import them;
    // the SDK half is loaded through `implementation()`.
    files: ["src/azure/kinds/registry.ts", "src/azure/kinds/kind-definition.ts", "src/azure/kinds/*/*-definition.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": ["error", { patterns: [{
        group: ["@azure/*", "**/*-kind.ts", "**/*-upgrade.ts", "**/*-sim.ts", "**/arm-clients.ts", "**/arm-kind.ts", "**/simulator/**", "**/scan/**", "**/logs/**"],
        allowTypeImports: true,
        message: "Kind definitions are pure: load SDK and simulator code through implementation() / simulator().",
      }] }],
    },
  },
  {
    files: ["bin/**/*.js", "scripts/**/*.js", "bench/**/*.js"],
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
  },
  {
    // The web chat page runs in the browser, with the adaptivecards library as a global.
    files: ["src/channels/web/public/**/*.js"],
    languageOptions: {
      globals: {
        window: "readonly", document: "readonly", navigator: "readonly", location: "readonly", localStorage: "readonly", fetch: "readonly",
        crypto: "readonly", EventSource: "readonly", getComputedStyle: "readonly", CSS: "readonly", AdaptiveCards: "readonly", URLSearchParams: "readonly",
        setTimeout: "readonly", clearTimeout: "readonly",
      },
    },
  },
);
