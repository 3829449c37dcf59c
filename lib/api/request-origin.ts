import type { Config } from "../config";
import { AppError } from "../errors";

/**
 * Which requests the server answers: a Host it is known by (a DNS-rebinding page reaches the server under the
 * attacker's name and is refused), and, for changes made with a session cookie, an origin that is the dashboard's own
 * (a cross-site form or fetch is refused even though SameSite=Lax lets some through). Pure: headers in, verdict out.
 */

/** Loopback names every installation answers to (RFC 6761: *.localhost resolves to loopback). */
function isLoopbackHost(hostname: string): boolean {
  return hostname === "localhost" || hostname.endsWith(".localhost") || hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** Splits `host[:port]` (IPv6 in brackets) into lower-cased name and port. */
export function splitHost(host: string): { hostname: string; port: string } {
  const h = host.trim().toLowerCase();
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(h);
  return m ? { hostname: m[1], port: m[2] ?? "" } : { hostname: h, port: "" };
}

export function allowedHostList(cfg: Pick<Config, "publicUrl" | "allowedHosts">): string[] {
  const list = [...cfg.allowedHosts];
  if (cfg.publicUrl) list.push(new URL(cfg.publicUrl).host.toLowerCase());
  return list;
}

/** True when the Host header names this server: a loopback name, the public URL's host or an allowed host (any port when the entry names none). */
export function hostAllowed(host: string | null, allowed: string[]): boolean {
  if (!host) return false;
  const { hostname, port } = splitHost(host);
  if (isLoopbackHost(hostname)) return true;
  return allowed.some((entry) => {
    const e = splitHost(entry);
    return e.hostname === hostname && (!e.port || e.port === port);
  });
}

export function assertHostAllowed(headers: Headers, allowed: string[]): void {
  if (!hostAllowed(headers.get("host"), allowed)) {
    throw new AppError("forbidden", `This server does not answer to the host ${headers.get("host") ?? "(none)"}; add it to TOPICGATE_ALLOWED_HOSTS`);
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A state-changing request must come from the dashboard itself: `Sec-Fetch-Site` (sent by every current browser) is
 * same-origin or none (typed or bookmarked), and `Origin`, when sent, names the host the request was made to (or, behind
 * a proxy that rewrites Host, the public URL's host or an allowed host).
 */
export function assertSameOrigin(method: string, headers: Headers, allowed: string[] = []): void {
  if (SAFE_METHODS.has(method.toUpperCase())) return;
  const site = headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") throw new AppError("forbidden", `Cross-site request refused (Sec-Fetch-Site: ${site})`);
  const origin = headers.get("origin");
  if (origin === null) return;
  let originHost: string;
  try {
    originHost = new URL(origin).host.toLowerCase();
  } catch {
    throw new AppError("forbidden", `Cross-site request refused (Origin: ${origin})`);
  }
  const host = (headers.get("host") ?? "").toLowerCase();
  if (originHost !== host && !allowed.includes(originHost)) throw new AppError("forbidden", `Cross-site request refused (Origin: ${origin})`);
}

/** Whether the browser reached us over https: the public URL says so, or a trusted proxy's X-Forwarded-Proto does. */
export function requestIsHttps(headers: Headers, cfg: Pick<Config, "publicUrl" | "trustProxy">): boolean {
  if (cfg.publicUrl?.startsWith("https:")) return true;
  return cfg.trustProxy && headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
}

/** The client's address: the first X-Forwarded-For hop (set by Next.js from the socket, or by a trusted proxy). */
export function clientAddress(headers: Headers): string {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "unknown";
}
