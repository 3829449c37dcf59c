/** Looking analysed pages up by URL: fragments dropped, a trailing-slash difference tolerated. */

export function stripFragment(url: string): string {
  const i = url.indexOf("#");
  return i < 0 ? url : url.slice(0, i);
}

/** Host of a URL without "www.", or null when it does not parse. */
export function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, "");
  } catch {
    return null;
  }
}

/** Look a URL up in the page index, tolerating a fragment and a trailing-slash difference. */
export function findPage(index: Map<string, number>, url: string): number | undefined {
  const u = stripFragment(url);
  const hit = index.get(u);
  if (hit !== undefined) return hit;
  return index.get(u.endsWith("/") ? u.slice(0, -1) : `${u}/`);
}

export function sameUrl(a: string, b: string): boolean {
  const norm = (u: string) => stripFragment(u).replace(/\/$/, "");
  return norm(a) === norm(b);
}

/** An absolute http(s) URL: search engines ignore any other canonical (a `file:` URL left by a build, a bad path). */
export function isWebUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}
