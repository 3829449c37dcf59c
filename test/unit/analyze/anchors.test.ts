import { describe, expect, it } from "vitest";
import { findAnchorText, sentenceAround, TextSearch } from "../../../lib/analyze/anchors";

describe("findAnchorText, prose anchors", () => {
  const text = "Grinding matters. A Cold-Brew  Coffee needs time! Then serve it cold.";

  it("returns the exact substring as written, across case, hyphens and spaces", () => {
    const hit = findAnchorText(text, "cold brew coffee")!;
    expect(hit.anchor).toBe("Cold-Brew  Coffee");
    expect(text.includes(hit.anchor)).toBe(true);
    expect(hit.context).toBe("A Cold-Brew  Coffee needs time!");
  });

  it("matches whole words only", () => {
    expect(findAnchorText("Scolding brewers", "cold")).toBeNull();
  });

  it("cuts long sentences to a window that still contains the anchor", () => {
    const long = `${"word ".repeat(200)}target phrase ${"word ".repeat(200)}.`;
    const i = long.indexOf("target phrase");
    const ctx = sentenceAround(long, i, "target phrase".length);
    expect(ctx.length).toBeLessThanOrEqual(300);
    expect(ctx).toContain("target phrase");
  });
});

describe("anchors in code", () => {
  it("skips identifiers and code lines and takes the next prose occurrence", () => {
    const text = "server = await loop.create_server(x)\nfrom distutils.core import setup\nThe event loop runs every task.";
    const hit = findAnchorText(text, "loop")!;
    expect(hit.context).toBe("The event loop runs every task.");
    expect(findAnchorText("from distutils.core import setup", "core import")).toBeNull();
  });
});

describe("code anchors", () => {
  it("finds an identifier character for character in a prose sentence that names a call", () => {
    const text = "Tasks run together. Use asyncio.gather() to run them concurrently.\nresults = await asyncio.gather(a, b)";
    const hit = findAnchorText(text, "asyncio.gather()")!;
    expect(hit.anchor).toBe("asyncio.gather()");
    expect(hit.context).toBe("Use asyncio.gather() to run them concurrently.");
    expect(text.slice(hit.index, hit.index + hit.anchor.length)).toBe(hit.anchor);
  });

  it("never matches part of a longer identifier or another letter case", () => {
    expect(findAnchorText("Call str.format() on the template.", "format()")).toBeNull();
    expect(findAnchorText("The asyncio_compat module is separate.", "asyncio")).toBeNull();
    expect(findAnchorText("The Asyncio.Gather() helper is not it.", "asyncio.gather()")).toBeNull();
  });

  it("does not take a call of something else for the name itself", () => {
    expect(findAnchorText("Call readline() to get one line.", "readline")).toBeNull();
    expect(findAnchorText("Call readline() after importing the readline module.", "readline")?.index).toBe(36);
  });

  it("takes an identifier alone on a line as a list entry, not as code", () => {
    expect(findAnchorText("Functions of the stable ABI:\nPySet_Add()\nPySet_Clear()", "PySet_Add()")?.context).toBe("PySet_Add()");
  });

  it("skips listings: interactive sessions, assignments and commented code", () => {
    expect(findAnchorText(">>> import asyncio >>> asyncio.run(main())", "asyncio.run()")).toBeNull();
    expect(findAnchorText("task1 = asyncio.create_task(say_after(1, 'hello'))", "asyncio.create_task")).toBeNull();
    expect(findAnchorText("PyObject *PyCMethod(PyObject *self, // the object the method was called on", "PyObject")).toBeNull();
  });
});

describe("letter case and headings", () => {
  it("keeps the case of a written form past its first letter", () => {
    const search = new TextSearch("Set the font to bold. The BOLD constant is a weight. The stable ABI is kept.");
    expect(search.find("BOLD", true)?.anchor).toBe("BOLD");
    expect(new TextSearch("Set the font to bold.").find("BOLD", true)).toBeNull();
    expect(search.find("Stable ABI", true)?.anchor).toBe("stable ABI");
    expect(search.find("bold")?.anchor).toBe("bold");
  });

  it("never puts a link into one of the page's own headings", () => {
    const text = "Porting notes¶\nSee the porting notes of the previous release.";
    const hit = new TextSearch(text, new Set(["Porting notes¶"])).find("porting notes")!;
    expect(hit.context).toBe("See the porting notes of the previous release.");
  });
});
