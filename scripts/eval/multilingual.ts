/**
 * One site serving the handbook in several languages side by side (/en-US/, /de-DE/, /fr-FR/), each page declaring its
 * language (`<html lang>`) and naming its alternates in every language with hreflang link elements and an x-default,
 * with a few hreflang faults planted on chosen pages. Canonicals to debian-handbook.info are removed (a copy of another
 * host is another finding).
 */
import { load } from "cheerio";
import { escapeHtml, type DocSite } from "./doc-site";

/** Bumped whenever the site is built differently, so kept scans of the old one are not reused. */
export const MULTILINGUAL_VERSION = 2;

export interface PlantedFault {
  code: string;
  /** the page (site-relative path) the issue must name */
  page: string;
  what: string;
}

export function buildMultilingual(langs: string[], docs: DocSite[]): { pages: Map<string, string>; faults: PlantedFault[] } {
  const common = [...docs[0].pages.keys()].filter((rel) => docs.every((d) => d.pages.has(rel))).sort();
  const sections = common.filter((rel) => rel.startsWith("sect."));
  const pick = (k: number) => sections[(k * 11) % sections.length];
  const [p1, p2, p3, p4, p5, p6] = [1, 2, 3, 4, 5, 6].map(pick);
  const [a, b, c] = langs;
  const faults: PlantedFault[] = [
    { code: "hreflang_not_reciprocal", page: `${c}/${p1}`, what: `${b}/${p1} does not name its ${c} alternate back` },
    { code: "hreflang_invalid_code", page: `${a}/${p2}`, what: 'an extra alternate "en-UK" (the United Kingdom is GB)' },
    { code: "hreflang_missing_x_default", page: `${b}/${p3}`, what: "no x-default" },
    { code: "hreflang_canonical_conflict", page: `${c}/${p4}`, what: `canonical to ${c}/${p5}` },
    { code: "hreflang_broken_target", page: `${a}/${p5}`, what: "an alternate in Esperanto (eo) that answers 404" },
    { code: "hreflang_language_mismatch", page: `${a}/${p6}`, what: `the ${b} alternate points at the ${c} page` },
  ];
  const pages = new Map<string, string>();
  langs.forEach((lang, k) => {
    for (const [rel, html] of docs[k].pages) {
      const $ = load(html);
      $('link[rel="canonical"]').remove();
      $("html").attr("lang", lang);
      const alternates: [string, string][] = langs.filter((_, j) => docs[j].pages.has(rel)).map((l) => [l, `/${l}/${rel}`]);
      alternates.push(["x-default", `/${a}/${rel}`]);
      const here = `${lang}/${rel}`;
      let alts = alternates;
      if (here === `${b}/${p1}`) alts = alts.filter(([l]) => l !== c);
      if (here === `${a}/${p2}`) alts = [...alts, ["en-UK", `/${a}/${p2}`]];
      if (here === `${b}/${p3}`) alts = alts.filter(([l]) => l !== "x-default");
      if (here === `${c}/${p4}`) $("head").append(`<link rel="canonical" href="/${c}/${p5}" />`);
      if (here === `${a}/${p5}`) alts = [...alts, ["eo", `/eo/${p5}`]];
      if (here === `${a}/${p6}`) alts = alts.map(([l, h]) => (l === b ? [l, `/${c}/${p6}`] : [l, h]));
      for (const [l, h] of alts) $("head").append(`<link rel="alternate" hreflang="${escapeHtml(l)}" href="${escapeHtml(h)}" />`);
      pages.set(here, $.html());
    }
  });
  const list = langs.map((l) => `<li><a href="${l}/index.html">${l}</a></li>`).join("");
  pages.set("index.html", `<!doctype html><html lang="en"><head><title>Debian Administrator's Handbook</title></head><body><h1>Debian Administrator's Handbook</h1><ul>${list}</ul></body></html>`);
  return { pages, faults };
}
