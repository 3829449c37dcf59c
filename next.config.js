/**
 * Headers of every response: no framing (clickjacking), no MIME sniffing, no referrer to other sites, and a CSP that
 * lets the dashboard load only its own scripts, styles, images and data. Next.js inlines its bootstrap scripts, hence
 * 'unsafe-inline' for scripts; `next dev` also evaluates code for hot reload.
 */
const dev = process.env.NODE_ENV === "development";
const CSP = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  `connect-src 'self'${dev ? " ws: wss:" : ""}`,
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");
const SECURITY_HEADERS = [
  { key: "Content-Security-Policy", value: CSP },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  async headers() {
    return [{ source: "/:path*", headers: SECURITY_HEADERS }];
  },
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
