#!/usr/bin/env node
// Launcher for the TypeScript CLI (bin/cli.ts), compiled on the fly by tsx.
import { tsImport } from "tsx/esm/api";

await tsImport("./cli.ts", import.meta.url);
