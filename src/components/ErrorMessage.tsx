import { useState } from 'react';
import type { StageKitError } from '../core/index.js';
import { defaultErrorMessages, type StageKitMessages } from '../react/index.js';

/**
 * The error to show: `error` while `about` (the state the action was about, such as the stage
 * status) is what it was when the error came, and null once that state moved on.
 */
export function useFreshError(error: StageKitError | null, about: unknown): StageKitError | null {
  const [seen, setSeen] = useState<{ error: StageKitError | null; about: unknown }>({ error, about });
  if (seen.error !== error) {
    setSeen({ error, about });
    return error;
  }
  return error && seen.about === about ? error : null;
}

/** An action's failure in words a person reads (per code, from `messages.errors`), announced once by the alert role. */
export function ErrorMessage({ error, id, messages }: { error: StageKitError | null; id?: string; messages: { errors?: StageKitMessages['errors'] } }) {
  if (!error) return null;
  return (
    <p className="stagekit-error" role="alert" id={id} data-code={error.code}>
      {messages.errors?.[error.code] ?? defaultErrorMessages[error.code]}
    </p>
  );
}
