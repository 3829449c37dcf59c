import { describe, expect, it } from "vitest";
import { utilityKind } from "../../../lib/analyze/utility-pages";

describe("utilityKind", () => {
  it.each([
    ["https://a.test/", null, "home"],
    ["https://a.test/index.html", null, "home"],
    ["https://a.test/contact/", null, "contact"],
    ["https://a.test/privacy-policy", null, "legal"],
    ["https://a.test/legal/terms.html", null, "legal"],
    ["https://a.test/about-us/", null, "about"],
    ["https://a.test/search?q=x", null, "search"],
    ["https://a.test/genindex-A.html", null, "index"],
    ["https://a.test/contents.html", "Python Documentation contents", "index"],
    ["https://a.test/docs/x", "Table of contents", "index"],
    ["https://a.test/tag/espresso/", null, "listing"],
    ["https://a.test/category/news/page/2/", null, "listing"],
    ["https://a.test/p/123", "Privacy Policy | Example", "legal"],
    ["https://a.test/x", "Contact us", "contact"],
  ])("recognises %s (%s) as %s", (url, title, kind) => {
    expect(utilityKind(url, title)).toBe(kind);
  });

  it("leaves content pages alone", () => {
    expect(utilityKind("https://a.test/coffee/espresso-extraction", "Espresso extraction")).toBeNull();
    expect(utilityKind("https://a.test/blog/contacting-your-accountant", "Contacting your accountant")).toBeNull();
    expect(utilityKind("https://a.test/library/index.html", "The Python Standard Library")).toBeNull();
  });
});
