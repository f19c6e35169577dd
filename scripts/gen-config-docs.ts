import { readFileSync, writeFileSync } from "node:fs";
import { envExample, withConfigTable } from "../src/config/config-docs.ts";

writeFileSync(".env.example", envExample());
writeFileSync("README.md", withConfigTable(readFileSync("README.md", "utf8")));
console.log("wrote .env.example and README.md's configuration table");
