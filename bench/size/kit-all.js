// Everything `stagekit/react` offers: every hook and every component.
export * from 'stagekit/react';
