import { useState } from 'react';

/**
 * A secret the API returns once (an API key, a webhook's signing secret): shown until the user
 * says it is stored, optionally with a button that copies it.
 */
export function SecretOnce({
  title,
  secret,
  testId,
  copyLabel,
  onDone,
}: {
  /** The bold first sentence, e.g. "Copy your new key now." */
  title: string;
  secret: string;
  testId: string;
  /** Shows a copy button with this label ("Copied" once it worked). */
  copyLabel?: string;
  onDone: () => void;
}) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="card new-key" role="status">
      <p>
        <strong>{title}</strong> It will not be shown again.
      </p>
      <p>
        <code className="secret" data-testid={testId}>
          {secret}
        </code>
      </p>
      {copyLabel ? (
        <>
          <button
            type="button"
            onClick={async () => {
              try {
                await navigator.clipboard.writeText(secret);
                setCopied(true);
              } catch {
                setCopied(false);
              }
            }}
          >
            {copied ? 'Copied' : copyLabel}
          </button>{' '}
        </>
      ) : null}
      <button type="button" onClick={onDone}>
        I have stored it
      </button>
    </div>
  );
}
