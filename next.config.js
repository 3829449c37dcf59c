/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and WebAssembly packages are loaded by Node at run time, not bundled.
  serverExternalPackages: [
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "@prisma/adapter-pg",
    "@prisma/client",
    "pg",
    "pg-boss",
    "pino",
    "@tensorflow/tfjs",
    "@tensorflow/tfjs-core",
    "@tensorflow/tfjs-backend-wasm",
    "@tensorflow/tfjs-node",
    "undici",
    "cheerio",
    "exceljs",
  ],
  poweredByHeader: false,
  // `npm run typecheck` (part of npm test) checks types; skipping it here halves the first start.
  typescript: { ignoreBuildErrors: true },
};

module.exports = nextConfig;
