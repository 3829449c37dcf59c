import { createHash } from "node:crypto";

/** Link suggestions as work: a stable id per suggestion, and the check that an approved one has been made. Pure. */

export type SuggestionStatusValue = "pending" | "approved" | "rejected" | "applied";
export const SUGGESTION_STATUSES: readonly SuggestionStatusValue[] = ["pending", "approved", "rejected", "applied"];

/**
 * A suggestion's id: the same link (source page to target page) has the same id in every scan of the site, so its
 * status carries over. 64 bits of sha-256 keep ids short; collisions within one site are out of reach.
 */
export function suggestionId(fromUrl: string, toUrl: string): string {
  return createHash("sha256").update(`${fromUrl}\n${toUrl}`, "utf8").digest("base64url").slice(0, 11);
}

/** Approved suggestions whose link the crawl now finds in the source page's content: they are applied. */
export function appliedSuggestions<T extends { fromUrl: string; toUrl: string }>(approved: T[], links: { fromUrl: string; toUrl: string; position: string }[]): T[] {
  const present = new Set(links.filter((l) => l.position === "content").map((l) => `${l.fromUrl}\n${l.toUrl.replace(/#.*$/, "")}`));
  return approved.filter((s) => present.has(`${s.fromUrl}\n${s.toUrl}`));
}
