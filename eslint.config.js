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
