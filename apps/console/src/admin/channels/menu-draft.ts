import { CHANNEL_LIMITS, type ChannelMenuAction, type ChannelMenuButton } from '#contracts';
import { utf8Bytes } from './channel-rules';

const LIMITS = CHANNEL_LIMITS.menu;
export type ActionKind = ChannelMenuAction['type'];
export type ButtonKind = ChannelMenuButton['type'];

export const KIND_LABELS: Record<ButtonKind, string> = {
  'talk-to-agent': 'Talk to an agent',
  click: 'Send a click key',
  view: 'Open a web page',
  submenu: 'Show a submenu',
};

/** The same button as another kind, keeping its name (and what else still applies). */
export function withKind(button: ChannelMenuButton, kind: ButtonKind): ChannelMenuButton {
  const { name } = button;
  switch (kind) {
    case 'talk-to-agent':
      return { type: 'talk-to-agent', name };
    case 'click':
      return { type: 'click', name, key: button.type === 'click' ? button.key : '' };
    case 'view':
      return { type: 'view', name, url: button.type === 'view' ? button.url : 'https://' };
    case 'submenu':
      return {
        type: 'submenu',
        name,
        items: button.type === 'submenu' ? button.items : [{ type: 'view', name: '', url: 'https://' }],
      };
  }
}

export function move<T>(list: T[], from: number, to: number): T[] {
  if (to < 0 || to >= list.length) return list;
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
}

/**
 * Problems the console can see by itself, by position ("0" a button, "0.2" its third item): names over WeChat's
 * byte limits and malformed keys at once; with `incomplete`, also what is still missing (a name, a key, a web
 * address), which is only worth saying once the admin tries to save. The server checks all of WeChat's rules.
 */
export function menuProblems(buttons: ChannelMenuButton[], { incomplete = true } = {}): Map<string, string> {
  const problems = new Map<string, string>();
  const check = (item: ChannelMenuButton, path: string, nameMax: number) => {
    const bytes = utf8Bytes(item.name.trim());
    if (!item.name.trim()) {
      if (incomplete) problems.set(`${path}.name`, 'Give it a name.');
    } else if (bytes > nameMax)
      problems.set(
        `${path}.name`,
        `${bytes} bytes; at most ${nameMax} (${Math.floor(nameMax / 3)} Chinese characters or ${nameMax} letters).`,
      );
    if (item.type === 'click') {
      const key = item.key.trim();
      if (!key) {
        if (incomplete) problems.set(`${path}.key`, 'A click item needs a key.');
      } else if (utf8Bytes(key) > LIMITS.keyMaxBytes)
        problems.set(`${path}.key`, `At most ${LIMITS.keyMaxBytes} bytes.`);
      else if (!/^[\x21-\x7e]+$/.test(key))
        problems.set(`${path}.key`, 'Letters, digits and punctuation, without spaces.');
    }
    if (incomplete && item.type === 'view' && !/^https?:\/\/[^\s/]+/.test(item.url.trim()))
      problems.set(`${path}.url`, 'A web address starting with http:// or https://.');
    if (incomplete && item.type === 'submenu' && item.items.length === 0)
      problems.set(`${path}.items`, 'Add at least one item.');
  };
  buttons.forEach((button, index) => {
    check(button, String(index), LIMITS.buttonNameMaxBytes);
    if (button.type === 'submenu')
      button.items.forEach((item, i) => check(item, `${index}.${i}`, LIMITS.itemNameMaxBytes));
  });
  return problems;
}
