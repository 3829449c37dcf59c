import { randomBytes } from "node:crypto";
import { instanceSecret } from "../db/instance-secrets";
import { getShareLink, insertShareLink, listShareLinks, revokeShareLink, touchShareLink, type ShareLinkRow } from "../db/share-links";
import { getScan, type ScanRow } from "../db/scans";
import { AppError } from "../errors";
import type { Runtime } from "../runtime";
import { signShareToken, verifyShareToken } from "../share/share-token";
import { doneScan } from "./scans";

const DAY_MS = 86_400_000;
/** Name of the generated signing key in InstanceSecret (used when TOPICGATE_SHARE_SECRET is not set). */
const SIGNING_KEY = "share-link-signing-key";
/** 256 random bits: as strong as the HMAC it keys. */
const SIGNING_KEY_BYTES = 32;

async function signingKey(rt: Runtime): Promise<string> {
  return rt.config.shareSecret ?? instanceSecret(rt.db, SIGNING_KEY, () => randomBytes(SIGNING_KEY_BYTES).toString("base64url"));
}

/**
 * Where people open TopicGate: the configured public address, else the address the request was sent to (its Host, as
 * the client wrote it; the server's own idea of its URL can be an internal name).
 */
export function publicBase(rt: Runtime, request: Pick<Request, "url" | "headers">): string {
  if (rt.config.publicUrl) return rt.config.publicUrl;
  const url = new URL(request.url);
  const host = request.headers.get("host");
  return host && /^[A-Za-z0-9.\-:[\]]{1,300}$/.test(host) ? `${url.protocol}//${host}` : url.origin;
}

export async function shareView(rt: Runtime, s: ShareLinkRow, base: string) {
  const path = `/share/${signShareToken(await signingKey(rt), s.id, s.expiresAt)}`;
  return {
    id: s.id,
    siteId: s.siteId,
    scanId: s.scanId,
    path,
    url: base + path,
    createdAt: s.createdAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
    revokedAt: s.revokedAt?.toISOString() ?? null,
    lastOpenedAt: s.lastOpenedAt?.toISOString() ?? null,
  };
}

/** A read-only link to a finished scan's report, valid for `days` days until revoked. Kept per site (and so per workspace). */
export async function createShare(rt: Runtime, scanId: string, days: number, base: string) {
  const scan = await doneScan(rt, scanId);
  const row = await insertShareLink(rt.db, { siteId: scan.siteId, scanId, expiresAt: new Date(Date.now() + days * DAY_MS) });
  return shareView(rt, row, base);
}

export async function listShares(rt: Runtime, scanId: string, base: string) {
  const scan = await getScan(rt.db, scanId);
  if (!scan) throw new AppError("not_found", `Scan ${scanId} not found`);
  return Promise.all((await listShareLinks(rt.db, scanId)).map((s) => shareView(rt, s, base)));
}

export async function revokeShare(rt: Runtime, shareId: string): Promise<void> {
  if (!(await revokeShareLink(rt.db, shareId))) {
    throw new AppError("not_found", (await getShareLink(rt.db, shareId)) ? `Share link ${shareId} is already revoked` : `Share link ${shareId} not found`);
  }
}

export type ShareOpening = { ok: true; scan: ScanRow } | { ok: false; status: 404 | 410; reason: string };

/** The scan a share token opens, or why it opens nothing (bad signature: 404; expired or revoked: 410). */
export async function openShare(rt: Runtime, token: string, now = new Date()): Promise<ShareOpening> {
  const claim = verifyShareToken(await signingKey(rt), token);
  if (!claim) return { ok: false, status: 404, reason: "This link is not valid." };
  const share = await getShareLink(rt.db, claim.shareId);
  // the token carries the expiry it was signed with (whole seconds): it must be the share's
  if (!share || Math.floor(share.expiresAt.getTime() / 1000) * 1000 !== claim.expiresAt.getTime()) return { ok: false, status: 404, reason: "This link is not valid." };
  if (share.revokedAt) return { ok: false, status: 410, reason: "This link was revoked." };
  if (share.expiresAt.getTime() <= now.getTime()) return { ok: false, status: 410, reason: "This link has expired." };
  const scan = await getScan(rt.db, share.scanId);
  if (!scan || scan.status !== "done") return { ok: false, status: 404, reason: "The report is no longer available." };
  await touchShareLink(rt.db, share.id, now);
  return { ok: true, scan };
}
