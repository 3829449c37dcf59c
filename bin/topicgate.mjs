#!/usr/bin/env node
// Launcher for the TypeScript CLI (bin/cli.ts), compiled on the fly by tsx.
import { register } from "tsx/esm/api";
import { fileURLToPath } from "node:url";
import path from "node:path";

register();
const here = path.dirname(fileURLToPath(import.meta.url));
await import(path.join(here, "cli.ts"));
