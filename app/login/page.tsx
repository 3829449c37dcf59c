import { hasUsers } from "@/lib/auth/users";
import { sharedRuntime } from "@/lib/runtime";
import { CredentialsForm } from "../components/CredentialsForm";

export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  const ready = await hasUsers((await sharedRuntime()).db);
  return (
    <>
      <h1>Sign in</h1>
      {ready ? (
        <CredentialsForm action="/api/auth/login" submit="Sign in" next={typeof next === "string" ? next : undefined} />
      ) : (
        <section className="panel" data-testid="setup-hint">
          <h2>First start</h2>
          <p>
            No one can sign in yet. Open the setup link TopicGate printed where it runs (<code>topicgate: create the first owner at …/setup?token=…</code>) to
            choose the first owner&apos;s email and password, or create one with <code>npx topicgate users create --email you@example.com --password …</code>.
          </p>
        </section>
      )}
    </>
  );
}
