'use client';
import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';

/**
 * A two-step action's state: the trigger gives way to a confirmation, and focus follows both
 * ways, so keyboard users are never left on the page body. Escape cancels.
 */
export function useConfirmation() {
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  // Set when the confirmation closes, so focus returns to the trigger then, not on mount.
  const refocus = useRef(false);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
    else if (refocus.current) triggerRef.current?.focus();
    refocus.current = false;
  }, [confirming]);
  const close = () => {
    refocus.current = true;
    setConfirming(false);
  };
  return { confirming, open: () => setConfirming(true), close, confirmRef, triggerRef };
}

/** The confirmation itself: a question and two buttons in a fieldset. */
export function Confirmation({
  confirmRef,
  question,
  yes,
  no,
  onConfirm,
  onCancel,
}: {
  confirmRef: RefObject<HTMLButtonElement | null>;
  question: string;
  yes: string;
  no: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key !== 'Escape') return;
    // Consumed here, so a surrounding dialog does not close along with the confirmation.
    event.stopPropagation();
    onCancel();
  };
  return (
    <fieldset className="stagekit-confirm">
      <legend>{question}</legend>
      <button type="button" ref={confirmRef} onKeyDown={onKeyDown} onClick={onConfirm}>
        {yes}
      </button>
      <button type="button" onKeyDown={onKeyDown} onClick={onCancel}>
        {no}
      </button>
    </fieldset>
  );
}
