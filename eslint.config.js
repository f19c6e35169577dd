import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: [".scratch/**", "node_modules/**", "test/artifacts/**", ".tlsbot/**", "coverage/**"] },
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
    files: ["bin/**/*.js"],
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
  },
  {
    // The web chat page runs in the browser, with the adaptivecards library as a global.
    files: ["src/channels/web/public/**/*.js"],
    languageOptions: {
      globals: {
        window: "readonly", document: "readonly", navigator: "readonly", location: "readonly", localStorage: "readonly", fetch: "readonly",
        crypto: "readonly", EventSource: "readonly", getComputedStyle: "readonly", CSS: "readonly", AdaptiveCards: "readonly", URLSearchParams: "readonly",
      },
    },
  },
);
