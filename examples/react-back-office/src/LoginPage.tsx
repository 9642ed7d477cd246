import { useState, type FormEvent } from 'react';
import { createSwitchboard, SwitchboardError, type Me } from '@switchboard/client';
import { serverUrl } from './config';

/** Paste an API token; it is checked with GET /api/me before the app uses it. */
export function LoginPage({ onLogIn }: { onLogIn: (token: string, me: Me) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const server = serverUrl() || window.location.origin;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const token = String(new FormData(event.currentTarget).get('token') ?? '').trim();
    if (!token) return;
    setBusy(true);
    setError(null);
    try {
      onLogIn(token, await createSwitchboard({ baseUrl: serverUrl(), token }).me());
    } catch (caught) {
      setError(loginProblem(caught, server));
      setBusy(false);
    }
  }

  return (
    <main className="login">
      <form className="card login-form" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">Switchboard back office</h1>
        <p>
          Paste an API token (made by an admin with <code>switchboard token create</code>). It is kept
          in this tab only, and sent to <strong>{server}</strong>.
        </p>
        <label htmlFor="token">API token</label>
        <input id="token" name="token" type="password" autoComplete="off" required placeholder="sb_…" />
        {error && <p role="alert" className="error">{error}</p>}
        <button type="submit" className="button primary" disabled={busy}>{busy ? 'Logging in…' : 'Log in'}</button>
      </form>
    </main>
  );
}

function loginProblem(error: unknown, server: string): string {
  if (error instanceof SwitchboardError) {
    if (error.status === 401) return 'That token was not accepted: it may be mistyped, revoked or expired.';
    if (error.status === 429) return 'Too many attempts from here: wait a minute and try again.';
    return error.message;
  }
  return `Cannot reach the Switchboard server at ${server}.`;
}
