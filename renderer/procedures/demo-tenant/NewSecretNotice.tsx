import { useDemo } from './use-demo';

/** A new secret's value, shown once as the portal shows it, to paste into Client secret (row 24). */
export function NewSecretNotice() {
  const { newSecret, view, dismissSecret } = useDemo();
  if (!newSecret) return null;
  const app = view?.apps.find((a) => a.clientId === newSecret.clientId);
  return (
    <div className="banner notice new-secret" role="status">
      <span className="banner-message">
        New client secret for {app?.displayName ?? newSecret.clientId}, valid until{' '}
        {newSecret.expiresAt.slice(0, 10)}. Copy its Value now: it is shown only once.
        <code className="secret-value" aria-label="New client secret value">
          {newSecret.value}
        </code>
      </span>
      <button
        type="button"
        className="button small"
        onClick={() => void navigator.clipboard?.writeText(newSecret.value)}
      >
        Copy value
      </button>
      <button type="button" className="button small" onClick={dismissSecret}>
        Dismiss
      </button>
    </div>
  );
}
