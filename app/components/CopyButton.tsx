"use client";

import { useState } from "react";

/** Copies a text (an anchor, a sentence) to the clipboard and says so. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [done, setDone] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // clipboard refused (insecure origin): select-and-copy fallback
      const area = document.createElement("textarea");
      area.value = text;
      document.body.appendChild(area);
      area.select();
      document.execCommand("copy");
      area.remove();
    }
    setDone(true);
    setTimeout(() => setDone(false), 1500);
  }
  return (
    <button type="button" className="copy" onClick={copy} aria-label={label}>
      {done ? "Copied" : "Copy"}
    </button>
  );
}
