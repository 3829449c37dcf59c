"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export const SCAN_VIEWS = [
  { path: "", label: "Overview" },
  { path: "/issues", label: "Issues" },
  { path: "/topics", label: "Topics" },
  { path: "/map", label: "Topic map" },
  { path: "/links", label: "Link graph" },
  { path: "/pages", label: "Pages" },
  { path: "/gaps", label: "Gaps" },
  { path: "/pruning", label: "Pruning" },
  { path: "/suggestions", label: "Link suggestions" },
  { path: "/encoder", label: "Encoder" },
] as const;

/** The views of one scan; the current one is marked for screen readers too. */
export function ScanNav({ base }: { base: string }) {
  const pathname = usePathname();
  return (
    <nav className="tabs" aria-label="Scan views">
      {SCAN_VIEWS.map((v) => {
        const href = base + v.path;
        const current = v.path === "" ? pathname === base : pathname.startsWith(href);
        return (
          <Link key={v.path} href={href} aria-current={current ? "page" : undefined}>
            {v.label}
          </Link>
        );
      })}
    </nav>
  );
}
