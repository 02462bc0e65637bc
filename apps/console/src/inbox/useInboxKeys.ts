import { useEffect } from 'react';
import { inboxKeyAction, nextRow } from './inbox-keys';

const ROWS = '#conversation-list .conversation-row';

function inField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

/**
 * The inbox's keyboard (RT3): j/k (and the arrows inside the list) move the focus from row to row, Enter
 * opens the focused row (it is a link), `/` goes to search, `?` shows the shortcuts. Keys typed into fields
 * and with modifiers are left alone; an open dialog has the keyboard to itself.
 */
export function useInboxKeys(onHelp: () => void): void {
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || document.querySelector('dialog[open]')) return;
      const list = document.getElementById('conversation-list');
      const action = inboxKeyAction({
        key: event.key,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        altKey: event.altKey,
        inField: inField(event.target),
        inList: list !== null && event.target instanceof Node && list.contains(event.target),
        composing: event.isComposing,
      });
      if (!action) return;
      event.preventDefault();
      if (action === 'help') return onHelp();
      if (action === 'search') {
        window.location.hash = '#/search';
        return;
      }
      const rows = [...document.querySelectorAll<HTMLAnchorElement>(ROWS)];
      const focused = rows.findIndex((row) => row === document.activeElement);
      const selected = rows.findIndex((row) => row.getAttribute('aria-current') === 'page');
      const target = rows[nextRow(rows.length, focused, selected, action)];
      target?.focus();
      target?.scrollIntoView({ block: 'nearest' });
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [onHelp]);
}
