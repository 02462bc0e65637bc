import {
  PREFERENCE_LIMITS as L,
  type ChannelSettings,
  type IdleCloseSetting,
  type LeaveMessageSetting,
  type MissedCloseSetting,
  type TicketTimer,
} from '#contracts';
import { useId } from 'react';
import { Field } from '../form/Field';
import { minutesLabel } from './rules-form';

export const SETTING_TITLES: Record<keyof ChannelSettings, string> = {
  autoTicket: 'Automatic tickets',
  ticketTimer: 'Ticket timer',
  missedAfterMinutes: 'Missed chats',
  missedClose: 'Missed-chat auto-close',
  idleClose: 'Idle-chat auto-close',
  leaveMessage: 'Leave a message',
  queueLimit: 'Queue limit',
};

interface SettingFieldProps<K extends keyof ChannelSettings> {
  setting: K;
  value: ChannelSettings[K];
  onChange(value: ChannelSettings[K]): void;
  disabled?: boolean;
}

const minutes = (raw: string) => (raw.trim() === '' ? Number.NaN : Number(raw));

/** The controls of one setting; the page around it says whose setting it is (department or channel). */
export function SettingField<K extends keyof ChannelSettings>({
  setting,
  value,
  onChange,
  disabled,
}: SettingFieldProps<K>) {
  const change = onChange as (value: unknown) => void;
  switch (setting) {
    case 'autoTicket':
      return (
        <label className="choice choice--checkbox">
          <input
            type="checkbox"
            checked={value as boolean}
            disabled={disabled}
            onChange={(event) => change(event.target.checked)}
          />
          <span className="choice__title">Every new chat becomes a ticket when it starts</span>
        </label>
      );
    case 'ticketTimer':
      return <TicketTimerField value={value as TicketTimer} onChange={change} disabled={disabled} />;
    case 'missedAfterMinutes':
      return (
        <MinutesField
          label="A waiting chat is missed after (minutes)"
          value={value as number}
          onChange={change}
          disabled={disabled}
          hint="Nobody took it in this time: it is marked missed (agents can still take it)."
        />
      );
    case 'missedClose':
      return <MissedCloseField value={value as MissedCloseSetting} onChange={change} disabled={disabled} />;
    case 'idleClose':
      return <IdleCloseField value={value as IdleCloseSetting} onChange={change} disabled={disabled} />;
    case 'leaveMessage':
      return <LeaveMessageField value={value as LeaveMessageSetting} onChange={change} disabled={disabled} />;
    case 'queueLimit':
      return (
        <Field
          label="Most chats waiting in the queue"
          hint="More than this: new customers get the leave-a-message reply (when it is on). Empty: no limit."
        >
          {(control) => (
            <input
              {...control}
              type="number"
              min={L.queueLimit.min}
              max={L.queueLimit.max}
              disabled={disabled}
              value={value === null ? '' : String(value)}
              onChange={(event) =>
                change(event.target.value.trim() === '' ? null : Number(event.target.value))
              }
            />
          )}
        </Field>
      );
    default:
      return null;
  }
}

function MinutesField(props: {
  label: string;
  value: number;
  onChange(value: number): void;
  disabled?: boolean;
  min?: number;
  max?: number;
  hint?: string;
}) {
  const meaning = minutesLabel(props.value);
  return (
    <Field
      label={props.label}
      hint={[meaning && `= ${meaning}.`, props.hint].filter(Boolean).join(' ') || undefined}
    >
      {(control) => (
        <input
          {...control}
          type="number"
          inputMode="numeric"
          min={props.min}
          max={props.max}
          disabled={props.disabled}
          value={Number.isNaN(props.value) ? '' : String(props.value)}
          onChange={(event) => props.onChange(minutes(event.target.value))}
        />
      )}
    </Field>
  );
}

function TicketTimerField({
  value,
  onChange,
  disabled,
}: {
  value: TicketTimer;
  onChange(v: TicketTimer): void;
  disabled?: boolean;
}) {
  const name = useId();
  const options: Array<{ mode: TicketTimer['mode']; title: string; help: string }> = [
    { mode: 'never', title: 'Never', help: 'The customer’s later messages always join the chat’s ticket.' },
    {
      mode: 'always',
      title: 'When the ticket is closed',
      help: 'Writing again after it was closed starts a new ticket.',
    },
    {
      mode: 'after',
      title: 'After a while',
      help: 'A new ticket when the customer writes this long after the ticket’s last activity (or after it closed).',
    },
  ];
  return (
    <>
      <fieldset className="choice-group">
        <legend className="visually-hidden">When a customer writes again, start a new ticket</legend>
        {options.map((option) => (
          <label key={option.mode} className="choice">
            <input
              type="radio"
              name={name}
              checked={value.mode === option.mode}
              disabled={disabled}
              onChange={() =>
                onChange(
                  option.mode === 'after'
                    ? { mode: 'after', minutes: value.mode === 'after' ? value.minutes : 3 * 24 * 60 }
                    : { mode: option.mode },
                )
              }
            />
            <span>
              <span className="choice__title">{option.title}</span>
              <span className="choice__help">{option.help}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {value.mode === 'after' && (
        <MinutesField
          label="New ticket after (minutes)"
          value={value.minutes}
          min={L.ticketTimerMinutes.min}
          max={L.ticketTimerMinutes.max}
          disabled={disabled}
          onChange={(m) => onChange({ mode: 'after', minutes: m })}
        />
      )}
    </>
  );
}

function MissedCloseField({
  value,
  onChange,
  disabled,
}: {
  value: MissedCloseSetting;
  onChange(v: MissedCloseSetting): void;
  disabled?: boolean;
}) {
  return (
    <>
      <label className="choice choice--checkbox">
        <input
          type="checkbox"
          checked={value.enabled}
          disabled={disabled}
          onChange={(e) => onChange({ ...value, enabled: e.target.checked })}
        />
        <span className="choice__title">Close missed chats automatically</span>
      </label>
      {value.enabled && (
        <MinutesField
          label="Close a missed chat after (minutes)"
          value={value.afterMinutes}
          min={L.missedCloseMinutes.min}
          max={L.missedCloseMinutes.max}
          disabled={disabled}
          hint="15 minutes up to one month after it was missed. A closed chat can no longer be answered."
          onChange={(m) => onChange({ ...value, afterMinutes: m })}
        />
      )}
    </>
  );
}

function IdleCloseField({
  value,
  onChange,
  disabled,
}: {
  value: IdleCloseSetting;
  onChange(v: IdleCloseSetting): void;
  disabled?: boolean;
}) {
  return (
    <>
      <label className="choice choice--checkbox">
        <input
          type="checkbox"
          checked={value.enabled}
          disabled={disabled}
          onChange={(e) => onChange({ ...value, enabled: e.target.checked })}
        />
        <span className="choice__title">Close chats with no message from either side</span>
      </label>
      {value.enabled && (
        <>
          <MinutesField
            label="Close after idle (minutes)"
            value={value.afterMinutes}
            min={L.idleCloseMinutes.min}
            max={L.idleCloseMinutes.max}
            disabled={disabled}
            hint="Up to 24 hours. Any message, the customer’s or an agent’s, starts the count again."
            onChange={(m) => onChange({ ...value, afterMinutes: m })}
          />
          <MinutesField
            label="Warn the agent before (minutes)"
            value={value.warnBeforeMinutes}
            min={0}
            max={Math.max(0, value.afterMinutes - 1)}
            disabled={disabled}
            hint="0: no warning."
            onChange={(m) => onChange({ ...value, warnBeforeMinutes: m })}
          />
          <Field
            label="Closing message to the customer (optional)"
            hint="Sent only while WeChat still lets us reply (48 hours after their last message, within the budget); otherwise the activity says it was skipped."
          >
            {(control) => (
              <textarea
                {...control}
                rows={3}
                maxLength={L.closingMessageChars}
                disabled={disabled}
                value={value.closingMessage ?? ''}
                onChange={(e) =>
                  onChange({ ...value, closingMessage: e.target.value.trim() === '' ? null : e.target.value })
                }
              />
            )}
          </Field>
        </>
      )}
      <p className="field__hint">
        A bot’s idle setting would take precedence on channels a bot handles; no channel has a bot yet.
      </p>
    </>
  );
}

function LeaveMessageField({
  value,
  onChange,
  disabled,
}: {
  value: LeaveMessageSetting;
  onChange(v: LeaveMessageSetting): void;
  disabled?: boolean;
}) {
  return (
    <>
      <label className="choice choice--checkbox">
        <input
          type="checkbox"
          checked={value.enabled}
          disabled={disabled}
          onChange={(e) => onChange({ ...value, enabled: e.target.checked })}
        />
        <span className="choice__title">
          Ask customers to leave a message outside business hours, when no agent is online or the queue is
          full
        </span>
      </label>
      {value.enabled && (
        <Field label="Reply" hint="The chat becomes a ticket in the department’s queue.">
          {(control) => (
            <textarea
              {...control}
              rows={3}
              maxLength={L.leaveMessageChars}
              disabled={disabled}
              value={value.reply}
              onChange={(e) => onChange({ ...value, reply: e.target.value })}
            />
          )}
        </Field>
      )}
    </>
  );
}
