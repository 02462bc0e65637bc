import { ConfirmDialog } from '../ui/ConfirmDialog';
import { INBOX_SHORTCUTS } from './inbox-keys';

/** `?` in the inbox: what the keyboard does there. */
export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  return (
    <ConfirmDialog open={open} title="Keyboard shortcuts" onCancel={onClose}>
      <dl className="shortcuts">
        {INBOX_SHORTCUTS.map((shortcut) => (
          <div className="shortcuts__row" key={shortcut.what}>
            <dt>
              {shortcut.keys.map((key, index) => (
                <span key={key}>
                  {index > 0 && ' or '}
                  <kbd>{key}</kbd>
                </span>
              ))}
            </dt>
            <dd>{shortcut.what}</dd>
          </div>
        ))}
      </dl>
    </ConfirmDialog>
  );
}
