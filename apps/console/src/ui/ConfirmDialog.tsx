import { useEffect, useId, useRef, type ReactNode } from 'react';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  /** Without one, the dialog only explains (its one button is "Close"). */
  confirmLabel?: string;
  /** A destructive action gets the red button. */
  danger?: boolean;
  busy?: boolean;
  error?: string | null;
  onConfirm?(): void;
  onCancel(): void;
}

/**
 * A modal question (the native <dialog>: focus stays inside, Escape cancels); Cancel has the focus first.
 * Without a confirm label it is an explanation with a Close button.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { open, onCancel } = props;
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  return (
    <dialog
      ref={dialog}
      className="confirm-dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(event) => {
        event.preventDefault();
        if (!props.busy) onCancel();
      }}
    >
      <h2 id={titleId} className="confirm-dialog__title">
        {props.title}
      </h2>
      <div id={bodyId} className="confirm-dialog__body">
        {props.children}
      </div>
      {props.error && (
        <p className="callout callout--error" role="alert">
          {props.error}
        </p>
      )}
      <div className="confirm-dialog__actions">
        <button
          type="button"
          className="button button--secondary"
          onClick={onCancel}
          disabled={props.busy}
          autoFocus
        >
          {props.confirmLabel ? 'Cancel' : 'Close'}
        </button>
        {props.confirmLabel && (
          <button
            type="button"
            className={`button ${props.danger ? 'button--danger' : 'button--primary'}`}
            onClick={props.onConfirm}
            disabled={props.busy}
          >
            {props.busy ? 'Working…' : props.confirmLabel}
          </button>
        )}
      </div>
    </dialog>
  );
}
