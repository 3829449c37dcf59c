import Link from "next/link";

/** What a result view shows while its scan is still running or when it ended without results. */
export function NotReady({ base, status }: { base: string; status: string }) {
  const failed = status === "failed" || status === "cancelled";
  return (
    <section className="panel empty-state">
      <h2>{failed ? `This scan ${status === "failed" ? "failed" : "was cancelled"}` : "Results are not ready yet"}</h2>
      <p>
        {failed
          ? "It has no results to show. Start a new scan of the site from the sites page."
          : "This view fills in when the scan is done. Follow its progress on the scan page."}
      </p>
      <p>
        <Link href={failed ? "/" : base}>{failed ? "Go to sites" : "See the progress"}</Link>
      </p>
    </section>
  );
}
