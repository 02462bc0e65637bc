import { CHANNEL_LIMITS, type DepartmentView, type EncryptionMode, type OaTokenMode } from '#contracts';
import { useState } from 'react';
import { Field } from '../form/Field';
import { MODE_HELP, modeLabel } from './channel-rules';
import { DepartmentPicker } from './DepartmentPicker';
import type { ChannelForm } from './useChannelForm';

const MODES: EncryptionMode[] = ['safe', 'compatible', 'plaintext'];

/** Masked values of the stored secrets, when editing: an empty field keeps them. */
export interface StoredSecrets {
  appSecret: string;
  token: string;
  encodingAesKey: string | null;
}

interface AccountFieldsProps {
  form: ChannelForm;
  departments: DepartmentView[];
  onCreateDepartment(name: string): Promise<DepartmentView>;
  stored?: StoredSecrets;
  /** Editing: the AppID belongs to the channel for good. */
  appIdLocked?: boolean;
}

/** Name, department and the account's identity: Original ID, AppID, AppSecret (OA1). */
export function AccountFields({
  form,
  departments,
  onCreateDepartment,
  stored,
  appIdLocked,
}: AccountFieldsProps) {
  const [showSecret, setShowSecret] = useState(false);
  const { values } = form;
  return (
    <>
      <Field
        label="Channel name"
        hint="Agents see it next to each conversation."
        error={form.visibleError('name')}
      >
        {(control) => (
          <input
            {...control}
            data-field="name"
            value={values.name}
            maxLength={CHANNEL_LIMITS.nameMaxChars + 10}
            onChange={(event) => form.set('name', event.target.value)}
            onBlur={() => form.touch('name')}
            autoComplete="off"
          />
        )}
      </Field>
      <DepartmentPicker
        value={values.departmentId}
        departments={departments}
        onChange={(id) => form.set('departmentId', id)}
        onCreate={onCreateDepartment}
      />
      <Field
        label="Original ID"
        hint="On WeChat: Settings › Account info (原始ID), starts with gh_."
        error={form.visibleError('originalId')}
      >
        {(control) => (
          <input
            {...control}
            data-field="originalId"
            className="mono"
            value={values.originalId}
            onChange={(event) => form.set('originalId', event.target.value.trim())}
            onBlur={() => form.touch('originalId')}
            spellCheck={false}
            autoComplete="off"
          />
        )}
      </Field>
      <Field
        label="AppID"
        hint={
          appIdLocked
            ? 'A channel belongs to one Official Account for good: its customers and conversations are that account’s. Create another channel for another account.'
            : 'On WeChat: Development › Basic configuration (开发者ID AppID), starts with wx.'
        }
        error={form.visibleError('appId')}
      >
        {(control) => (
          <input
            {...control}
            data-field="appId"
            className="mono"
            value={values.appId}
            readOnly={appIdLocked}
            onChange={(event) => form.set('appId', event.target.value.trim())}
            onBlur={() => form.touch('appId')}
            spellCheck={false}
            autoComplete="off"
          />
        )}
      </Field>
      <Field
        label="AppSecret"
        hint={
          stored
            ? `Stored (${stored.appSecret}). Leave empty to keep it; paste a new one after resetting it on WeChat.`
            : 'On WeChat: Development › Basic configuration (开发者密码 AppSecret). Stored encrypted, never shown again.'
        }
        error={form.visibleError('appSecret')}
      >
        {(control) => (
          <div className="field__with-action">
            <input
              {...control}
              data-field="appSecret"
              className="mono"
              type={showSecret ? 'text' : 'password'}
              value={values.appSecret}
              placeholder={stored ? 'Unchanged' : undefined}
              onChange={(event) => form.set('appSecret', event.target.value.trim())}
              onBlur={() => form.touch('appSecret')}
              autoComplete="new-password"
              spellCheck={false}
            />
            <button
              type="button"
              className="field__action"
              aria-pressed={showSecret}
              onClick={() => setShowSecret((shown) => !shown)}
            >
              {showSecret ? 'Hide' : 'Show'}
              <span className="visually-hidden"> AppSecret</span>
            </button>
          </div>
        )}
      </Field>
    </>
  );
}

interface MessagingFieldsProps {
  form: ChannelForm;
  stored?: StoredSecrets;
  onGenerate(): Promise<{ token: string; encodingAesKey: string }>;
}

/** The server configuration both sides must share: Token, encryption mode, EncodingAESKey (OA1, spec §1–2). */
export function MessagingFields({ form, stored, onGenerate }: MessagingFieldsProps) {
  const { values } = form;
  const [generating, setGenerating] = useState<'token' | 'encodingAesKey' | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function generate(field: 'token' | 'encodingAesKey') {
    setGenerating(field);
    setError(null);
    try {
      const generated = await onGenerate();
      form.set(field, generated[field]);
      form.touch(field);
    } catch {
      setError('Could not generate a value. Check your connection and try again.');
    } finally {
      setGenerating(null);
    }
  }

  return (
    <>
      <Field
        label="Token"
        hint={
          stored
            ? `Stored (${stored.token}). Leave empty to keep it.`
            : 'Generate one and paste it on WeChat, or paste the Token from WeChat’s server configuration (令牌 Token).'
        }
        error={form.visibleError('token')}
      >
        {(control) => (
          <div className="inline-form">
            <input
              {...control}
              data-field="token"
              className="mono"
              value={values.token}
              placeholder={stored ? 'Unchanged' : undefined}
              onChange={(event) => form.set('token', event.target.value.trim())}
              onBlur={() => form.touch('token')}
              spellCheck={false}
              autoComplete="off"
            />
            <button
              type="button"
              className="button button--secondary"
              onClick={() => void generate('token')}
              disabled={generating !== null}
            >
              {generating === 'token' ? 'Generating…' : stored ? 'Generate new Token' : 'Generate Token'}
            </button>
          </div>
        )}
      </Field>

      <fieldset className="choice-group">
        <legend>Message encryption mode</legend>
        <p className="field__hint">Choose the same mode on WeChat’s server configuration (消息加解密方式).</p>
        {MODES.map((mode) => (
          <label key={mode} className="choice">
            <input
              type="radio"
              name="encryptionMode"
              value={mode}
              checked={values.encryptionMode === mode}
              onChange={() => form.set('encryptionMode', mode)}
            />
            <span>
              <span className="choice__title">{modeLabel(mode)}</span>
              <span className="choice__help">{MODE_HELP[mode]}</span>
            </span>
          </label>
        ))}
      </fieldset>

      <Field
        label="EncodingAESKey"
        hint={
          stored?.encodingAesKey
            ? `Stored (${stored.encodingAesKey}). Leave empty to keep it.`
            : values.encryptionMode === 'plaintext'
              ? 'Not used in plaintext mode; you may still set it now to switch modes later.'
              : 'Generate one and paste it on WeChat, or paste WeChat’s (消息加解密密钥 EncodingAESKey): 43 letters or digits.'
        }
        error={form.visibleError('encodingAesKey')}
      >
        {(control) => (
          <div className="inline-form">
            <input
              {...control}
              data-field="encodingAesKey"
              className="mono"
              value={values.encodingAesKey}
              placeholder={stored?.encodingAesKey ? 'Unchanged' : undefined}
              onChange={(event) => form.set('encodingAesKey', event.target.value.trim())}
              onBlur={() => form.touch('encodingAesKey')}
              spellCheck={false}
              autoComplete="off"
            />
            <button
              type="button"
              className="button button--secondary"
              onClick={() => void generate('encodingAesKey')}
              disabled={generating !== null}
            >
              {generating === 'encodingAesKey'
                ? 'Generating…'
                : stored?.encodingAesKey
                  ? 'Generate new key'
                  : 'Generate key'}
            </button>
          </div>
        )}
      </Field>
      {error && (
        <p className="callout callout--error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}

const TOKEN_MODES: Array<{ mode: OaTokenMode; title: string; help: string }> = [
  {
    mode: 'token',
    title: 'access_token (cgi-bin/token)',
    help: 'When this desk is the only system calling WeChat’s API with this AppID. Each new token makes the previous one stop working within about 5 minutes.',
  },
  {
    mode: 'stable',
    title: 'stable_token (cgi-bin/stable_token)',
    help: 'When another system (a website, a mini program’s server…) also uses this AppID: stable tokens do not knock each other out.',
  },
];

/** Per-channel sending rules and the regional flag (OA6, OA8, OA10). */
export function SendingFields({ form }: { form: ChannelForm }) {
  const { values } = form;
  const { min, max } = CHANNEL_LIMITS.messagesPerCustomerMessage;
  return (
    <>
      <Field
        label="Replies per customer message"
        hint={`How many messages agents may send after each customer message before WeChat refuses more (error 45047). WeChat documents 5 today; some older accounts were allowed 20. From ${min} to ${max}.`}
        error={form.visibleError('messagesPerCustomerMessage')}
      >
        {(control) => (
          <input
            {...control}
            data-field="messagesPerCustomerMessage"
            className="input--short"
            type="number"
            inputMode="numeric"
            min={min}
            max={max}
            step={1}
            value={values.messagesPerCustomerMessage}
            onChange={(event) => form.set('messagesPerCustomerMessage', event.target.value)}
            onBlur={() => form.touch('messagesPerCustomerMessage')}
          />
        )}
      </Field>
      <fieldset className="choice-group">
        <legend>Access token</legend>
        {TOKEN_MODES.map(({ mode, title, help }) => (
          <label key={mode} className="choice">
            <input
              type="radio"
              name="tokenMode"
              value={mode}
              checked={values.tokenMode === mode}
              onChange={() => form.set('tokenMode', mode)}
            />
            <span>
              <span className="choice__title">{title}</span>
              <span className="choice__help">{help}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <label className="choice choice--checkbox">
        <input
          type="checkbox"
          checked={values.outsideMainlandChina}
          onChange={(event) => form.set('outsideMainlandChina', event.target.checked)}
        />
        <span>
          <span className="choice__title">This service account is verified outside Mainland China</span>
          <span className="choice__help">
            WeChat does not allow satisfaction surveys (Customer Happiness Survey messages) from such
            accounts, so the desk will never send one on this channel.
          </span>
        </span>
      </label>
    </>
  );
}
