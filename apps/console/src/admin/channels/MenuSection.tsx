import {
  CHANNEL_LIMITS,
  type ChannelMenuButton,
  type ChannelMenuView,
  type ChannelView,
  type PublishedChannelMenu,
  type PublishedMenuButton,
} from '#contracts';
import { useState } from 'react';
import { ApiError, errorMessage } from '../../api/api-error';
import type { AdminApi } from '../../api/admin-api';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Spinner } from '../../ui/Spinner';
import { formatRelativeLong } from '../../ui/time-format';
import { useLoad } from '../useLoad';
import { menuProblems, move, type ButtonKind } from './menu-draft';
import { MenuItemFields } from './MenuItemFields';

const LIMITS = CHANNEL_LIMITS.menu;
const BUTTON_KINDS: ButtonKind[] = ['talk-to-agent', 'click', 'view', 'submenu'];
const ITEM_KINDS: ButtonKind[] = ['talk-to-agent', 'click', 'view'];

type Busy = 'save' | 'publish' | 'read' | 'remove' | null;

/** The Official Account's custom menu (OA9): edit, save, publish to WeChat, check what WeChat shows, remove. */
export function MenuSection({ api, channel }: { api: AdminApi; channel: ChannelView }) {
  const menu = useLoad<ChannelMenuView>(`menu:${channel.id}`, (signal) => api.getMenu(channel.id, signal));
  if (menu.status === 'loading') return <Spinner label="Loading the menu…" />;
  if (!menu.data) {
    return (
      <p className="callout callout--error" role="alert">
        {menu.error}{' '}
        <button type="button" className="link-button" onClick={menu.reload}>
          Try again
        </button>
      </p>
    );
  }
  return <MenuEditor api={api} channelId={channel.id} saved={menu.data} onSaved={menu.set} />;
}

interface MenuEditorProps {
  api: AdminApi;
  channelId: string;
  saved: ChannelMenuView;
  onSaved(menu: ChannelMenuView): void;
}

function MenuEditor({ api, channelId, saved, onSaved }: MenuEditorProps) {
  const [buttons, setButtons] = useState<ChannelMenuButton[]>(() =>
    saved.buttons.length > 0 ? saved.buttons : [{ type: 'talk-to-agent', name: '人工客服' }],
  );
  const [busy, setBusy] = useState<Busy>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [live, setLive] = useState<PublishedChannelMenu | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [attempted, setAttempted] = useState(false);
  const problems = menuProblems(buttons, { incomplete: attempted });
  const edited = JSON.stringify(buttons) !== JSON.stringify(saved.buttons);

  async function run(kind: Exclude<Busy, null>, work: () => Promise<string>) {
    setBusy(kind);
    setErrors([]);
    setNotice(null);
    try {
      setNotice(await work());
    } catch (failure) {
      const details =
        failure instanceof ApiError && Array.isArray(failure.details) ? (failure.details as string[]) : null;
      setErrors(details && details.length > 0 ? details : [errorMessage(failure)]);
    } finally {
      setBusy(null);
    }
  }

  function firstProblem(): boolean {
    setAttempted(true);
    const [path] = menuProblems(buttons).keys();
    if (path === undefined) return false;
    window.setTimeout(() => document.querySelector<HTMLElement>(`[data-menu-field="${path}"]`)?.focus(), 0);
    setErrors(['Some items need fixing first; see the messages by the fields.']);
    return true;
  }

  const save = (publish: boolean) => {
    if (firstProblem()) return;
    void run(publish ? 'publish' : 'save', async () => {
      let menu = edited || saved.updatedAt === null ? await api.saveMenu(channelId, buttons) : saved;
      onSaved(menu);
      setButtons(menu.buttons);
      if (!publish) return 'Saved. Publish it to show it to followers.';
      menu = await api.publishMenu(channelId);
      onSaved(menu);
      return 'Published. Followers see the new menu within a few minutes (WeChat caches menus on phones).';
    });
  };

  const status = saved.publishedAt
    ? saved.upToDate && !edited
      ? `WeChat shows this menu (published ${formatRelativeLong(saved.publishedAt, Date.now())}).`
      : 'You have changes that are not on WeChat yet.'
    : 'This menu is not on WeChat.';

  const update = (index: number, button: ChannelMenuButton) =>
    setButtons((list) => list.map((b, i) => (i === index ? button : b)));

  return (
    <section className="panel" aria-labelledby="menu-title">
      <h2 id="menu-title" className="panel__title">
        Custom menu
      </h2>
      <p className="field__hint">
        Up to {LIMITS.buttonsMax} buttons at the bottom of the chat, each an action or a submenu of up to{' '}
        {LIMITS.itemsMax} items. WeChat counts names in bytes: a button name holds {LIMITS.buttonNameMaxBytes}{' '}
        bytes ({Math.floor(LIMITS.buttonNameMaxBytes / 3)} Chinese characters), a submenu item{' '}
        {LIMITS.itemNameMaxBytes}.
      </p>
      <p className="menu-status">{status}</p>

      <ol className="menu-buttons">
        {buttons.map((button, index) => (
          <li key={index}>
            <fieldset className="menu-button">
              <legend>Button {index + 1}</legend>
              <MenuItemFields
                item={button}
                kinds={BUTTON_KINDS}
                nameMaxBytes={LIMITS.buttonNameMaxBytes}
                path={String(index)}
                problems={problems}
                talkToAgentKey={saved.talkToAgentKey}
                onChange={(next) => update(index, next)}
              />
              {button.type === 'submenu' && (
                <div className="menu-items">
                  {problems.get(`${index}.items`) && (
                    <p className="field__error">{problems.get(`${index}.items`)}</p>
                  )}
                  <ol>
                    {button.items.map((item, itemIndex) => (
                      <li key={itemIndex}>
                        <fieldset className="menu-item">
                          <legend>
                            Button {index + 1}, item {itemIndex + 1}
                          </legend>
                          <MenuItemFields
                            item={item}
                            kinds={ITEM_KINDS}
                            nameMaxBytes={LIMITS.itemNameMaxBytes}
                            path={`${index}.${itemIndex}`}
                            problems={problems}
                            talkToAgentKey={saved.talkToAgentKey}
                            onChange={(next) =>
                              update(index, {
                                ...button,
                                items: button.items.map((it, i) =>
                                  i === itemIndex ? (next as typeof item) : it,
                                ),
                              })
                            }
                          />
                          <div className="row-actions">
                            <button
                              type="button"
                              className="button button--ghost button--small"
                              disabled={itemIndex === 0}
                              onClick={() =>
                                update(index, {
                                  ...button,
                                  items: move(button.items, itemIndex, itemIndex - 1),
                                })
                              }
                            >
                              Move up<span className="visually-hidden"> item {itemIndex + 1}</span>
                            </button>
                            <button
                              type="button"
                              className="button button--ghost button--small"
                              disabled={itemIndex === button.items.length - 1}
                              onClick={() =>
                                update(index, {
                                  ...button,
                                  items: move(button.items, itemIndex, itemIndex + 1),
                                })
                              }
                            >
                              Move down<span className="visually-hidden"> item {itemIndex + 1}</span>
                            </button>
                            <button
                              type="button"
                              className="button button--ghost button--small"
                              onClick={() =>
                                update(index, {
                                  ...button,
                                  items: button.items.filter((_, i) => i !== itemIndex),
                                })
                              }
                            >
                              Remove item {itemIndex + 1}
                            </button>
                          </div>
                        </fieldset>
                      </li>
                    ))}
                  </ol>
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    disabled={button.items.length >= LIMITS.itemsMax}
                    onClick={() =>
                      update(index, {
                        ...button,
                        items: [...button.items, { type: 'view', name: '', url: 'https://' }],
                      })
                    }
                  >
                    Add item to button {index + 1}
                  </button>
                </div>
              )}
              <div className="row-actions">
                <button
                  type="button"
                  className="button button--ghost button--small"
                  disabled={index === 0}
                  onClick={() => setButtons((list) => move(list, index, index - 1))}
                >
                  Move up<span className="visually-hidden"> button {index + 1}</span>
                </button>
                <button
                  type="button"
                  className="button button--ghost button--small"
                  disabled={index === buttons.length - 1}
                  onClick={() => setButtons((list) => move(list, index, index + 1))}
                >
                  Move down<span className="visually-hidden"> button {index + 1}</span>
                </button>
                <button
                  type="button"
                  className="button button--ghost button--small"
                  disabled={buttons.length === 1}
                  onClick={() => setButtons((list) => list.filter((_, i) => i !== index))}
                >
                  Remove button {index + 1}
                </button>
              </div>
            </fieldset>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="button button--secondary"
        disabled={buttons.length >= LIMITS.buttonsMax}
        onClick={() => setButtons((list) => [...list, { type: 'view', name: '', url: 'https://' }])}
      >
        Add button
      </button>

      <div role="status" aria-live="polite" className="menu-feedback">
        {notice && <p className="callout callout--success">{notice}</p>}
      </div>
      {errors.length > 0 && (
        <div className="callout callout--error" role="alert">
          {errors.length === 1 ? (
            <p>{errors[0]}</p>
          ) : (
            <ul>
              {errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          )}
        </div>
      )}

      <div className="form-actions form-actions--wrap">
        <button
          type="button"
          className="button button--secondary"
          disabled={busy !== null}
          onClick={() => save(false)}
        >
          {busy === 'save' ? 'Saving…' : 'Save'}
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={busy !== null}
          onClick={() => save(true)}
        >
          {busy === 'publish' ? 'Publishing…' : 'Save and publish'}
        </button>
        <button
          type="button"
          className="button button--ghost"
          disabled={busy !== null}
          onClick={() =>
            void run('read', async () => {
              const published = await api.publishedMenu(channelId);
              setLive(published);
              return published.published
                ? published.matchesSaved
                  ? 'WeChat shows exactly the saved menu.'
                  : 'WeChat shows a different menu from the saved one (see below).'
                : 'WeChat shows no menu for this account.';
            })
          }
        >
          {busy === 'read' ? 'Asking WeChat…' : 'Check what WeChat shows'}
        </button>
        <button
          type="button"
          className="button button--ghost"
          disabled={busy !== null || !saved.publishedAt}
          onClick={() => setConfirmRemove(true)}
        >
          Remove from WeChat
        </button>
      </div>

      {live?.published && (
        <div className="published-menu">
          <h3 className="panel__subtitle">What WeChat shows now</h3>
          <PublishedTree buttons={live.buttons} />
        </div>
      )}

      <ConfirmDialog
        open={confirmRemove}
        title="Remove the menu from WeChat?"
        confirmLabel="Remove menu"
        danger
        busy={busy === 'remove'}
        error={errors[0] ?? null}
        onCancel={() => {
          setConfirmRemove(false);
          setErrors([]);
        }}
        onConfirm={() =>
          void run('remove', async () => {
            const menu = await api.removeMenu(channelId);
            onSaved(menu);
            setLive(null);
            setConfirmRemove(false);
            return 'The menu is removed from WeChat. It stays saved here, to publish again.';
          })
        }
      >
        <p>
          Followers will no longer see a menu (including menus set in WeChat’s own console). The saved menu
          stays here.
        </p>
      </ConfirmDialog>
    </section>
  );
}

function PublishedTree({ buttons }: { buttons: PublishedMenuButton[] }) {
  return (
    <ul className="published-tree">
      {buttons.map((button, index) => (
        <li key={index}>
          <strong>{button.name}</strong>{' '}
          <span className="muted">
            {button.items
              ? 'submenu'
              : button.talkToAgent
                ? 'talk to an agent'
                : button.type === 'view'
                  ? button.url
                  : `${button.type}${button.key ? ` · ${button.key}` : ''}`}
          </span>
          {button.items && <PublishedTree buttons={button.items} />}
        </li>
      ))}
    </ul>
  );
}
