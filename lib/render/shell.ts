/**
 * Whether raw HTML looks like an application shell that a script fills in the browser: little main text, scripts, and
 * an element frameworks mount into (React's #root, Vue's #app, Next.js's #__next, Nuxt's #__nuxt, Gatsby's ___gatsby,
 * Angular's app-root, Shopify section roots), or almost no text at all beside a script.
 */

/** Main-text words under which a page with a mount element counts as a shell (a real article has hundreds). */
export const SHELL_MAX_WORDS = 80;
/** Main-text words under which any page with a script counts as a shell (a line of "Loading..." or a noscript notice). */
export const SHELL_SCRIPT_ONLY_MAX_WORDS = 15;

const MOUNT = /<(?:div|main|section|body)\b[^>]*\sid\s*=\s*["']?(?:root|app|__next|__nuxt|___gatsby|svelte|q-app|main-app|application|react-root|vue-app|spa-root)["'\s>]|<app-root\b|\sdata-reactroot\b|\sng-version=/i;
const SCRIPT = /<script\b/i;

export function looksLikeShell(html: string, wordCount: number): boolean {
  if (wordCount >= SHELL_MAX_WORDS || !SCRIPT.test(html)) return false;
  return wordCount < SHELL_SCRIPT_ONLY_MAX_WORDS || MOUNT.test(html);
}
