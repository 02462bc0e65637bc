/** What a key does in the inbox (RT3); `null`: nothing, the key is the page's or the field's. */
export type InboxKeyAction = 'next' | 'previous' | 'search' | 'help';

export interface InboxKey {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** Typing in a field, a text area or an editable element: its keys are its own. */
  inField: boolean;
  /** The focus is on the conversation list: the arrow keys move in it there (elsewhere they scroll). */
  inList: boolean;
  /** An input method (pinyin) is composing. */
  composing: boolean;
}

export function inboxKeyAction(event: InboxKey): InboxKeyAction | null {
  if (event.inField || event.composing || event.ctrlKey || event.metaKey || event.altKey) return null;
  switch (event.key) {
    case 'j':
      return 'next';
    case 'k':
      return 'previous';
    case 'ArrowDown':
      return event.inList ? 'next' : null;
    case 'ArrowUp':
      return event.inList ? 'previous' : null;
    case '/':
      return 'search';
    case '?':
      return 'help';
    default:
      return null;
  }
}

/**
 * Which row gets the focus: the next or previous one from the focused row, or, when no row has the focus,
 * from the open conversation's row, or the first. Stays at the ends rather than wrapping.
 */
export function nextRow(
  count: number,
  focused: number,
  selected: number,
  action: 'next' | 'previous',
): number {
  if (count === 0) return -1;
  const from = focused >= 0 ? focused : selected;
  if (from < 0) return action === 'next' ? 0 : count - 1;
  if (focused < 0) return from;
  return action === 'next' ? Math.min(from + 1, count - 1) : Math.max(from - 1, 0);
}

/** The shortcuts as the help dialog lists them. */
export const INBOX_SHORTCUTS: Array<{ keys: string[]; what: string }> = [
  { keys: ['j', '↓'], what: 'Next conversation' },
  { keys: ['k', '↑'], what: 'Previous conversation' },
  { keys: ['Enter'], what: 'Open the conversation' },
  { keys: ['/'], what: 'Search' },
  { keys: ['?'], what: 'Show these shortcuts' },
];
