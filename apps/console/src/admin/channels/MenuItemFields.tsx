import type { ChannelMenuButton } from '#contracts';
import { Field } from '../form/Field';
import { utf8Bytes } from './channel-rules';
import { KIND_LABELS, withKind, type ButtonKind } from './menu-draft';

interface MenuItemFieldsProps {
  item: ChannelMenuButton;
  kinds: ButtonKind[];
  nameMaxBytes: number;
  /** Position for problems, e.g. "1" or "1.0". */
  path: string;
  problems: Map<string, string>;
  talkToAgentKey: string;
  onChange(item: ChannelMenuButton): void;
}

/** Name, kind and what goes with the kind, for a button or a submenu item. */
export function MenuItemFields({
  item,
  kinds,
  nameMaxBytes,
  path,
  problems,
  talkToAgentKey,
  onChange,
}: MenuItemFieldsProps) {
  const bytes = utf8Bytes(item.name.trim());
  return (
    <div className="menu-item-fields">
      <Field
        label="Name"
        error={problems.get(`${path}.name`)}
        aside={
          <span className={`byte-count${bytes > nameMaxBytes ? ' is-over' : ''}`} aria-hidden="true">
            {bytes}/{nameMaxBytes} bytes
          </span>
        }
      >
        {(control) => (
          <input
            {...control}
            data-menu-field={`${path}.name`}
            value={item.name}
            onChange={(event) => onChange({ ...item, name: event.target.value })}
          />
        )}
      </Field>
      <Field label="What it does">
        {(control) => (
          <select
            {...control}
            value={item.type}
            onChange={(event) => onChange(withKind(item, event.target.value as ButtonKind))}
          >
            {kinds.map((kind) => (
              <option key={kind} value={kind}>
                {KIND_LABELS[kind]}
              </option>
            ))}
          </select>
        )}
      </Field>
      {item.type === 'click' && (
        <Field
          label="Key"
          hint="Sent to this server in the CLICK event; letters, digits and punctuation."
          error={problems.get(`${path}.key`)}
        >
          {(control) => (
            <input
              {...control}
              data-menu-field={`${path}.key`}
              className="mono"
              value={item.key}
              onChange={(event) => onChange({ ...item, key: event.target.value })}
              spellCheck={false}
            />
          )}
        </Field>
      )}
      {item.type === 'view' && (
        <Field label="Web address" error={problems.get(`${path}.url`)}>
          {(control) => (
            <input
              {...control}
              data-menu-field={`${path}.url`}
              type="url"
              className="mono"
              value={item.url}
              onChange={(event) => onChange({ ...item, url: event.target.value })}
              spellCheck={false}
            />
          )}
        </Field>
      )}
      {item.type === 'talk-to-agent' && (
        <p className="field__hint">
          Tapping it sends the key <code>{talkToAgentKey}</code> and opens a conversation in the inbox, even
          before the customer writes.
        </p>
      )}
    </div>
  );
}
