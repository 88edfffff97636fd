import type { StageKitError } from '../core/index.js';

/** An action's failure, announced once by the alert role. */
export function ErrorMessage({ error, id }: { error: StageKitError | null; id?: string }) {
  if (!error) return null;
  return (
    <p className="stagekit-error" role="alert" id={id} data-code={error.code}>
      {error.message}
    </p>
  );
}
