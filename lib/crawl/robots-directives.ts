/** Meta robots / X-Robots-Tag directives that apply to us: unprefixed, or prefixed with our product token. */
export function robotsDirectives(values: string[], botToken: string): { noindex: boolean; nofollow: boolean } {
  let noindex = false;
  let nofollow = false;
  for (const value of values) {
    let v = value.toLowerCase();
    const prefixed = /^\s*([a-z0-9_-]+)\s*:\s*(.*)$/.exec(v);
    if (prefixed && !["noindex", "nofollow", "none", "all", "index", "follow", "unavailable_after", "max-snippet", "max-image-preview", "max-video-preview"].includes(prefixed[1])) {
      if (prefixed[1] !== botToken) continue;
      v = prefixed[2];
    }
    const tokens = v.split(/[\s,]+/);
    if (tokens.includes("noindex") || tokens.includes("none")) noindex = true;
    if (tokens.includes("nofollow") || tokens.includes("none")) nofollow = true;
  }
  return { noindex, nofollow };
}
