import { CHANNEL_SETTING_KEYS, type ChannelOverrides, type ChannelSettings } from '#contracts';
import { useEffect, useId, useState } from 'react';
import { errorMessage } from '../../api/api-error';
import type { AdminApi } from '../../api/admin-api';
import { adminHref } from '../admin-route';
import { useLoad } from '../useLoad';
import { SETTING_TITLES, SettingField } from './RuleFields';
import { channelSettingsProblem } from './rules-form';

interface ChannelRulesSectionProps {
  api: AdminApi;
  channelId: string;
}

/** The channel's own chat rules: each one follows the department unless overridden here. */
export function ChannelRulesSection({ api, channelId }: ChannelRulesSectionProps) {
  const loaded = useLoad(channelId, (signal) => api.channelPreferences(channelId, signal));
  const [draft, setDraft] = useState<ChannelOverrides | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const id = useId();
  useEffect(() => {
    if (loaded.data) setDraft(loaded.data.overrides);
  }, [loaded.data]);

  if (loaded.status === 'error') {
    return (
      <p className="callout callout--error" role="alert">
        {loaded.error}
      </p>
    );
  }
  if (!loaded.data || !draft) return <div aria-busy="true" />;
  const view = loaded.data;
  const problem = channelSettingsProblem(draft);
  const setOverride = <K extends keyof ChannelSettings>(key: K, value: ChannelSettings[K] | undefined) => {
    const next = { ...draft };
    if (value === undefined) delete next[key];
    else next[key] = value;
    setDraft(next);
    setSaved(false);
  };

  async function save() {
    if (!draft || problem) return;
    setSaving(true);
    setError(null);
    try {
      loaded.set(await api.saveChannelPreferences(channelId, draft));
      setSaved(true);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form
      className="rules-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <p className="field__hint">
        Each rule follows{' '}
        {view.departmentId ? (
          <a href={adminHref({ screen: 'department', departmentId: view.departmentId })}>
            the department’s chat rules
          </a>
        ) : (
          'the defaults (this channel has no department)'
        )}{' '}
        unless you set it for this channel. Business hours are the department’s.
      </p>
      {CHANNEL_SETTING_KEYS.map((key) => {
        const overridden = draft[key] !== undefined;
        return (
          <section key={key} className="panel" aria-labelledby={`${id}-${key}`}>
            <h2 id={`${id}-${key}`} className="panel__title">
              {SETTING_TITLES[key]}
            </h2>
            <label className="choice choice--checkbox">
              <input
                type="checkbox"
                checked={overridden}
                onChange={(event) => setOverride(key, event.target.checked ? view.effective[key] : undefined)}
              />
              <span className="choice__title">Set differently for this channel</span>
            </label>
            <SettingField
              setting={key}
              value={overridden ? (draft[key] as ChannelSettings[typeof key]) : view.effective[key]}
              disabled={!overridden}
              onChange={(value) => setOverride(key, value)}
            />
          </section>
        );
      })}
      {(error ?? problem) && (
        <p className="callout callout--error" role="alert">
          {error ?? problem}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={saving || Boolean(problem)}>
          {saving ? 'Saving…' : 'Save channel rules'}
        </button>
        <span role="status">{saved ? 'Saved.' : ''}</span>
      </div>
    </form>
  );
}
