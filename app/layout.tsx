import type { Metadata } from "next";
import Link from "next/link";
import "./globals.css";

export const metadata: Metadata = {
  title: "TopicGate",
  description: "Topical authority audits: cores, expansion, pruning and linking.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="topbar">
          <Link href="/" className="brand">
            TopicGate
          </Link>
          <nav aria-label="Main">
            <Link href="/">Sites</Link>
            <Link href="/changes">Changes</Link>
            <Link href="/keys">API keys</Link>
          </nav>
          <form method="post" action="/api/auth/logout" className="signout">
            <button type="submit" className="secondary">
              Sign out
            </button>
          </form>
        </header>
        <main className="container">{children}</main>
      </body>
    </html>
  );
}
