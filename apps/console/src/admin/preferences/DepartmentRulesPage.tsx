import { CHANNEL_SETTING_KEYS, type DepartmentSettings } from '#contracts';
import { useEffect, useId, useState } from 'react';
import { errorMessage } from '../../api/api-error';
import type { AdminApi } from '../../api/admin-api';
import { adminHref } from '../admin-route';
import { useLoad } from '../useLoad';
import { BusinessHoursEditor } from './BusinessHoursEditor';
import { SETTING_TITLES, SettingField } from './RuleFields';
import { channelSettingsProblem } from './rules-form';

interface DepartmentRulesPageProps {
  api: AdminApi;
  departmentId: string;
}

/** A department's chat rules (PF1–PF3, TK1, TK2, TK4); channels may override each (their Chat rules tab). */
export function DepartmentRulesPage({ api, departmentId }: DepartmentRulesPageProps) {
  const loaded = useLoad(departmentId, (signal) => api.departmentPreferences(departmentId, signal));
  const [draft, setDraft] = useState<DepartmentSettings | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const id = useId();
  useEffect(() => {
    if (loaded.data) setDraft(loaded.data.settings);
  }, [loaded.data]);
  useEffect(() => {
    document.title = `${loaded.data?.departmentName ?? 'Department'} · Chat rules · WeChat Support Desk`;
  }, [loaded.data]);

  if (loaded.status === 'error') {
    return (
      <div className="admin-page">
        <p className="callout callout--error" role="alert">
          {loaded.error}
        </p>
      </div>
    );
  }
  if (!loaded.data || !draft) return <div className="admin-page" aria-busy="true" />;
  const problem = channelSettingsProblem(draft);

  async function save() {
    if (!draft || problem) return;
    setSaving(true);
    setError(null);
    try {
      loaded.set(await api.saveDepartmentPreferences(departmentId, draft));
      setSaved(true);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setSaving(false);
    }
  }
  const update = (next: DepartmentSettings) => {
    setDraft(next);
    setSaved(false);
  };

  return (
    <div className="admin-page">
      <div className="admin-page__head">
        <h1 className="admin-page__title">Chat rules: {loaded.data.departmentName}</h1>
        <a className="button button--secondary" href={adminHref({ screen: 'departments' })}>
          All departments
        </a>
      </div>
      <p className="admin-page__lead">
        What happens to this department’s chats by itself. A channel can set any of these differently on its
        own Chat rules tab. {loaded.data.saved ? '' : 'Nothing has been saved yet: these are the defaults.'}
      </p>
      <form
        className="rules-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        {CHANNEL_SETTING_KEYS.map((key) => (
          <section key={key} className="panel" aria-labelledby={`${id}-${key}`}>
            <h2 id={`${id}-${key}`} className="panel__title">
              {SETTING_TITLES[key]}
            </h2>
            <SettingField
              setting={key}
              value={draft[key]}
              onChange={(value) => update({ ...draft, [key]: value })}
            />
          </section>
        ))}
        <section className="panel" aria-labelledby={`${id}-hours`}>
          <h2 id={`${id}-hours`} className="panel__title">
            Business hours
          </h2>
          <BusinessHoursEditor
            value={draft.businessHours}
            onChange={(businessHours) => update({ ...draft, businessHours })}
          />
        </section>
        {(error ?? problem) && (
          <p className="callout callout--error" role="alert">
            {error ?? problem}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={saving || Boolean(problem)}>
            {saving ? 'Saving…' : 'Save chat rules'}
          </button>
          <span role="status">{saved ? 'Saved.' : ''}</span>
        </div>
      </form>
    </div>
  );
}
