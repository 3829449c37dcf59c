import { describe, expect, it } from "vitest";
import { tokenize } from "@/lib/encode/tokenizer";

describe("tokenize", () => {
  it("lowercases words and drops punctuation", () => {
    expect(tokenize("Hello, World! (again)")).toEqual(["hello", "world", "again"]);
  });

  it("keeps dotted identifiers and versions whole", () => {
    expect(tokenize("Call asyncio.gather() or os.path.join in Python 3.11.")).toEqual([
      "call", "asyncio.gather", "or", "os.path.join", "in", "python", "3.11",
    ]);
  });

  it("does not glue a sentence-final period to the next sentence", () => {
    expect(tokenize("Use gather. Then wait.")).toEqual(["use", "gather", "then", "wait"]);
  });

  it("keeps snake_case names and non-ASCII letters", () => {
    expect(tokenize("sys_path Größe café")).toEqual(["sys_path", "größe", "café"]);
  });

  it("is deterministic", () => {
    const text = "The quick brown fox, asyncio.run(main()) 42 times.";
    expect(tokenize(text)).toEqual(tokenize(text));
  });
});
