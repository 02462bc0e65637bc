import {
  CHANNEL_LIMITS,
  type ChannelMenuAction,
  type ChannelMenuButton,
  type PublishedMenuButton,
} from '#contracts';
import type { OaMenu, OaMenuButton } from '#wechat';

const LIMITS = CHANNEL_LIMITS.menu;
const bytes = (value: string) => Buffer.byteLength(value, 'utf8');
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Visible ASCII without spaces: WeChat echoes the key back in the CLICK event, so it must survive XML and logs. */
const KEY_PATTERN = /^[\x21-\x7e]+$/;

export type MenuCheck = { ok: true; buttons: ChannelMenuButton[] } | { ok: false; problems: string[] };

/**
 * Checks a custom menu against WeChat's rules (spec §5.5: 1–3 buttons, 1–5 items per submenu, names of at most
 * 16 / 60 bytes, keys ≤ 128 bytes, URLs ≤ 1024 bytes) and ours (http(s) URLs, distinct keys, one "talk to an
 * agent" item, the reserved key used only by it). Returns every problem, each saying where it is.
 */
export function checkChannelMenu(input: unknown, talkToAgentKey: string): MenuCheck {
  const problems: string[] = [];
  if (!Array.isArray(input)) return { ok: false, problems: ['buttons must be a list of menu buttons'] };
  if (input.length < LIMITS.buttonsMin || input.length > LIMITS.buttonsMax) {
    problems.push(
      `A menu has ${LIMITS.buttonsMin} to ${LIMITS.buttonsMax} buttons (this one has ${input.length}); to remove the menu, delete it instead`,
    );
  }
  const keys = new Map<string, string>();
  let talkToAgent: string | null = null;

  const action = (
    raw: Record<string, unknown>,
    where: string,
    nameMaxBytes: number,
  ): ChannelMenuAction | null => {
    const name = checkName(raw.name, where, nameMaxBytes, problems);
    switch (raw.type) {
      case 'click': {
        unexpected(raw, ['type', 'name', 'key'], where, problems);
        const key = typeof raw.key === 'string' ? raw.key.trim() : '';
        if (!key) {
          problems.push(`${where}: a click item needs a key`);
        } else if (bytes(key) > LIMITS.keyMaxBytes) {
          problems.push(
            `${where}: the key is ${bytes(key)} bytes; WeChat allows at most ${LIMITS.keyMaxBytes}`,
          );
        } else if (!KEY_PATTERN.test(key)) {
          problems.push(`${where}: the key may contain letters, digits and punctuation, but no spaces`);
        } else if (key === talkToAgentKey) {
          problems.push(
            `${where}: the key ${key} is reserved for the talk-to-an-agent item; choose that type instead`,
          );
        } else if (keys.has(key)) {
          problems.push(
            `${where}: ${keys.get(key)} already sends the key ${key}; each click item needs its own`,
          );
        } else {
          keys.set(key, where);
        }
        return name !== null && key ? { type: 'click', name, key } : null;
      }
      case 'view': {
        unexpected(raw, ['type', 'name', 'url'], where, problems);
        const url = typeof raw.url === 'string' ? raw.url.trim() : '';
        if (!url) problems.push(`${where}: a link item needs a URL`);
        else if (bytes(url) > LIMITS.urlMaxBytes)
          problems.push(
            `${where}: the URL is ${bytes(url)} bytes; WeChat allows at most ${LIMITS.urlMaxBytes}`,
          );
        else if (!isWebUrl(url)) problems.push(`${where}: the URL must start with http:// or https://`);
        return name !== null && url ? { type: 'view', name, url } : null;
      }
      case 'talk-to-agent': {
        unexpected(raw, ['type', 'name'], where, problems);
        if (talkToAgent)
          problems.push(`${where}: ${talkToAgent} is already the talk-to-an-agent item; one is enough`);
        else talkToAgent = where;
        return name !== null ? { type: 'talk-to-agent', name } : null;
      }
      default:
        problems.push(`${where}: the type must be click, view or talk-to-agent`);
        return null;
    }
  };

  const buttons: ChannelMenuButton[] = [];
  input.slice(0, LIMITS.buttonsMax + 1).forEach((raw, index) => {
    const where = `Button ${index + 1}`;
    if (!isRecord(raw)) {
      problems.push(`${where}: must be an object`);
      return;
    }
    if (raw.type !== 'submenu') {
      const leaf = action(raw, where, LIMITS.buttonNameMaxBytes);
      if (leaf) buttons.push(leaf);
      return;
    }
    unexpected(raw, ['type', 'name', 'items'], where, problems);
    const name = checkName(raw.name, where, LIMITS.buttonNameMaxBytes, problems);
    const items = Array.isArray(raw.items) ? raw.items : [];
    if (items.length < LIMITS.itemsMin || items.length > LIMITS.itemsMax) {
      problems.push(
        `${where}: a submenu has ${LIMITS.itemsMin} to ${LIMITS.itemsMax} items (this one has ${items.length})`,
      );
    }
    const checked: ChannelMenuAction[] = [];
    items.slice(0, LIMITS.itemsMax + 1).forEach((item, itemIndex) => {
      const itemWhere = `${where}, item ${itemIndex + 1}`;
      if (!isRecord(item)) problems.push(`${itemWhere}: must be an object`);
      else if (item.type === 'submenu')
        problems.push(`${itemWhere}: a submenu cannot contain another submenu`);
      else {
        const leaf = action(item, itemWhere, LIMITS.itemNameMaxBytes);
        if (leaf) checked.push(leaf);
      }
    });
    if (name !== null) buttons.push({ type: 'submenu', name, items: checked });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, buttons };
}

/** The menu in WeChat's `menu/create` shape; the talk-to-an-agent item becomes a click with the channel's key. */
export function toOaMenu(buttons: ChannelMenuButton[], talkToAgentKey: string): OaMenu {
  const leaf = (item: ChannelMenuAction): OaMenuButton => {
    switch (item.type) {
      case 'click':
        return { type: 'click', name: item.name, key: item.key };
      case 'view':
        return { type: 'view', name: item.name, url: item.url };
      case 'talk-to-agent':
        return { type: 'click', name: item.name, key: talkToAgentKey };
    }
  };
  return {
    button: buttons.map((button) =>
      button.type === 'submenu' ? { name: button.name, sub_button: button.items.map(leaf) } : leaf(button),
    ),
  };
}

/**
 * What `menu/get` says WeChat shows (`{ menu: { button } }`; leaf buttons carry an empty `sub_button`), in our
 * terms. Buttons of kinds this desk does not edit (set in WeChat's own console) are kept with their type.
 */
export function fromOaMenu(response: unknown, talkToAgentKey: string): PublishedMenuButton[] {
  const menu = isRecord(response) && isRecord(response.menu) ? response.menu : null;
  const raw = menu && Array.isArray(menu.button) ? menu.button : [];
  const convert = (button: unknown): PublishedMenuButton | null => {
    if (!isRecord(button) || typeof button.name !== 'string') return null;
    const subs = Array.isArray(button.sub_button) ? button.sub_button : [];
    if (subs.length > 0) {
      return {
        name: button.name,
        type: null,
        talkToAgent: false,
        items: subs.map(convert).filter((b): b is PublishedMenuButton => b !== null),
      };
    }
    const type = typeof button.type === 'string' ? button.type : null;
    const key = typeof button.key === 'string' ? button.key : undefined;
    const url = typeof button.url === 'string' ? button.url : undefined;
    return {
      name: button.name,
      type,
      ...(key !== undefined ? { key } : {}),
      ...(url !== undefined ? { url } : {}),
      talkToAgent: type === 'click' && key === talkToAgentKey,
    };
  };
  return raw.map(convert).filter((b): b is PublishedMenuButton => b !== null);
}

/** Whether what WeChat shows is exactly the saved menu. */
export function sameMenu(
  saved: ChannelMenuButton[] | null,
  published: PublishedMenuButton[],
  talkToAgentKey: string,
): boolean {
  if (!saved || saved.length === 0) return published.length === 0;
  const shape = (buttons: PublishedMenuButton[]): unknown =>
    buttons.map((b) =>
      b.items
        ? { name: b.name, items: shape(b.items) }
        : { name: b.name, type: b.type, key: b.key, url: b.url },
    );
  return (
    JSON.stringify(shape(published)) ===
    JSON.stringify(shape(fromOaMenu({ menu: toOaMenu(saved, talkToAgentKey) }, talkToAgentKey)))
  );
}

function checkName(value: unknown, where: string, maxBytes: number, problems: string[]): string | null {
  const name = typeof value === 'string' ? value.trim() : '';
  if (!name) {
    problems.push(`${where}: the name is empty`);
    return null;
  }
  if (bytes(name) > maxBytes) {
    problems.push(
      `${where}: the name "${name}" is ${bytes(name)} bytes; WeChat allows at most ${maxBytes} (${Math.floor(maxBytes / 3)} Chinese characters or ${maxBytes} letters)`,
    );
    return null;
  }
  return name;
}

function unexpected(
  raw: Record<string, unknown>,
  allowed: string[],
  where: string,
  problems: string[],
): void {
  for (const key of Object.keys(raw)) {
    if (!allowed.includes(key)) problems.push(`${where}: unexpected field "${key}"`);
  }
}

function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && Boolean(url.hostname);
  } catch {
    return false;
  }
}
