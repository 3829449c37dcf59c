import { setupOpen } from "@/lib/auth/setup";
import { sharedRuntime } from "@/lib/runtime";
import { CredentialsForm } from "../components/CredentialsForm";

export const dynamic = "force-dynamic";

/** First run: the first owner, for whoever holds the token printed in the server log. */
export default async function SetupPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  const open = typeof token === "string" && (await setupOpen((await sharedRuntime()).db, token));
  return (
    <>
      <h1>Set up TopicGate</h1>
      {open ? (
        <>
          <p className="muted">Choose the email and password of the first owner. Owners add people with <code>npx topicgate users create</code>.</p>
          <CredentialsForm action="/api/auth/setup" submit="Create owner" token={token} newPassword />
        </>
      ) : (
        <section className="panel">
          <p>
            Setup is closed: an owner exists already (<a href="/login">sign in</a>), or this is not the link TopicGate printed when it started.
          </p>
        </section>
      )}
    </>
  );
}
