import type { ChannelView, DepartmentView, UpdateChannelRequest, WechatOaConfigPatch } from '#contracts';
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../api/api-error';
import type { AdminApi } from '../../api/admin-api';
import { CopyField } from '../../ui/CopyField';
import { useAuthorizedImage } from '../../ui/useAuthorizedImage';
import { AccountFields, MessagingFields, SendingFields } from './ChannelFields';
import type { ChannelFormValues } from './channel-rules';
import { IconPicker } from './IconPicker';
import { focusField, useChannelForm } from './useChannelForm';

export function formValuesOf(channel: ChannelView): ChannelFormValues {
  const { config } = channel;
  return {
    name: channel.name,
    departmentId: channel.departmentId ?? '',
    originalId: config.originalId,
    appId: config.appId,
    appSecret: '',
    token: '',
    encodingAesKey: '',
    encryptionMode: config.encryptionMode,
    messagesPerCustomerMessage: String(config.messagesPerCustomerMessage),
    tokenMode: config.tokenMode,
    outsideMainlandChina: config.outsideMainlandChina,
  };
}

/** Only what changed, so that the PATCH leaves everything else (and every secret not typed) as it is. */
export function changesOf(channel: ChannelView, values: ChannelFormValues): UpdateChannelRequest {
  const request: UpdateChannelRequest = {};
  const config: WechatOaConfigPatch = {};
  if (values.name.trim() !== channel.name) request.name = values.name.trim();
  if ((values.departmentId || null) !== channel.departmentId)
    request.departmentId = values.departmentId || null;
  if (values.originalId !== channel.config.originalId) config.originalId = values.originalId;
  if (values.encryptionMode !== channel.config.encryptionMode) config.encryptionMode = values.encryptionMode;
  if (Number(values.messagesPerCustomerMessage) !== channel.config.messagesPerCustomerMessage)
    config.messagesPerCustomerMessage = Number(values.messagesPerCustomerMessage);
  if (values.tokenMode !== channel.config.tokenMode) config.tokenMode = values.tokenMode;
  if (values.outsideMainlandChina !== channel.config.outsideMainlandChina)
    config.outsideMainlandChina = values.outsideMainlandChina;
  if (values.appSecret) config.appSecret = values.appSecret;
  if (values.token) config.token = values.token;
  if (values.encodingAesKey) config.encodingAesKey = values.encodingAesKey;
  if (Object.keys(config).length > 0) request.config = config;
  return request;
}

interface SettingsSectionProps {
  api: AdminApi;
  channel: ChannelView;
  departments: DepartmentView[];
  onDepartmentCreated(department: DepartmentView): void;
  onSaved(channel: ChannelView, rotated: { token?: string; encodingAesKey?: string }): void;
  rotated: { token?: string; encodingAesKey?: string };
}

/** Every OA1 field and the channel's settings, edited with PATCH semantics (secrets are write-only, CH3). */
export function SettingsSection({
  api,
  channel,
  departments,
  onDepartmentCreated,
  onSaved,
  rotated,
}: SettingsSectionProps) {
  const form = useChannelForm(formValuesOf(channel), {
    secretsStored: true,
    hasStoredAesKey: channel.config.encodingAesKey !== null,
  });
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [iconBusy, setIconBusy] = useState(false);
  const [iconError, setIconError] = useState<string | null>(null);
  const icon = useAuthorizedImage(channel.iconUrl, api.image);
  const rotating = Boolean(form.values.token || form.values.encodingAesKey);
  const changes = changesOf(channel, form.values);
  const dirty = Object.keys(changes).length > 0;

  async function save(event: FormEvent) {
    event.preventDefault();
    const invalid = form.check(Object.keys(form.values) as Array<keyof ChannelFormValues>);
    if (invalid) return focusField(invalid);
    if (!dirty) return;
    setSaving(true);
    setError(null);
    setSaved(false);
    try {
      const updated = await api.updateChannel(channel.id, changes);
      onSaved(updated, {
        token: changes.config?.token,
        encodingAesKey: changes.config?.encodingAesKey ?? undefined,
      });
      form.reset(formValuesOf(updated));
      setSaved(true);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setSaving(false);
    }
  }

  async function changeIcon(run: () => Promise<ChannelView>) {
    setIconBusy(true);
    setIconError(null);
    try {
      onSaved(await run(), {});
    } catch (failure) {
      setIconError(errorMessage(failure));
    } finally {
      setIconBusy(false);
    }
  }

  const stored = {
    appSecret: channel.config.appSecret,
    token: channel.config.token,
    encodingAesKey: channel.config.encodingAesKey,
  };
  return (
    <div className="settings">
      <section className="panel" aria-labelledby="icon-title">
        <h2 id="icon-title" className="panel__title">
          Icon
        </h2>
        <IconPicker
          preview={icon}
          busy={iconBusy}
          error={iconError}
          onPick={(file) => void changeIcon(() => api.uploadIcon(channel.id, file))}
          onRemove={() => void changeIcon(() => api.removeIcon(channel.id))}
        />
      </section>

      <form
        className="admin-form"
        onSubmit={(event) => void save(event)}
        noValidate
        aria-labelledby="settings-title"
      >
        <h2 id="settings-title" className="visually-hidden">
          Channel settings
        </h2>
        {error && (
          <p className="callout callout--error" role="alert">
            {error}
          </p>
        )}
        <fieldset className="panel">
          <legend className="panel__title">Account</legend>
          <AccountFields
            form={form}
            departments={departments}
            onCreateDepartment={async (name) => {
              const department = await api.createDepartment(name);
              onDepartmentCreated(department);
              return department;
            }}
            stored={stored}
            appIdLocked
          />
        </fieldset>
        <fieldset className="panel">
          <legend className="panel__title">Server configuration</legend>
          <MessagingFields form={form} stored={stored} onGenerate={() => api.generateSecrets()} />
          {rotating && (
            <div className="callout callout--warning" role="note">
              <p className="callout__title">Change it on WeChat at the same time</p>
              <p>
                After you save, WeChat’s messages are only accepted when they are signed
                {form.values.encodingAesKey ? ' and encrypted' : ''} with the new value. Paste it on WeChat’s
                server configuration page right after saving: until both sides match, WeChat’s pushes are
                refused (WeChat tries each one 3 times, then tells the customer the account cannot serve
                them).
              </p>
            </div>
          )}
        </fieldset>
        <fieldset className="panel">
          <legend className="panel__title">Sending</legend>
          <SendingFields form={form} />
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={saving || !dirty}>
            {saving ? 'Saving…' : 'Save changes'}
          </button>
          <span role="status">{saved && !dirty ? 'Saved.' : ''}</span>
        </div>
      </form>

      {(rotated.token || rotated.encodingAesKey) && (
        <section className="panel" aria-labelledby="rotated-title">
          <h2 id="rotated-title" className="panel__title">
            Paste the new values on WeChat now
          </h2>
          {rotated.token && <CopyField label="New Token" value={rotated.token} />}
          {rotated.encodingAesKey && <CopyField label="New EncodingAESKey" value={rotated.encodingAesKey} />}
          <p className="field__hint">They are not shown again after you leave this page.</p>
        </section>
      )}
    </div>
  );
}
