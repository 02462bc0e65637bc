import type { ChannelSetupInfo, ChannelView, DepartmentView } from '#contracts';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { errorMessage } from '../../api/api-error';
import type { AdminApi } from '../../api/admin-api';
import { Spinner } from '../../ui/Spinner';
import { adminHref } from '../admin-route';
import { useLoad } from '../useLoad';
import { AccountFields, MessagingFields, SendingFields } from './ChannelFields';
import type { ChannelFormValues } from './channel-rules';
import { ConnectPanel } from './ConnectPanel';
import { IconPicker } from './IconPicker';
import { focusField, useChannelForm } from './useChannelForm';

const STEPS = ['Account', 'Messages and sending', 'Connect on WeChat'] as const;
const STEP_FIELDS: Array<Array<keyof ChannelFormValues>> = [
  ['name', 'originalId', 'appId', 'appSecret'],
  ['token', 'encodingAesKey', 'messagesPerCustomerMessage'],
];

const EMPTY: ChannelFormValues = {
  name: '',
  departmentId: '',
  originalId: '',
  appId: '',
  appSecret: '',
  token: '',
  encodingAesKey: '',
  encryptionMode: 'safe',
  messagesPerCustomerMessage: '5',
  tokenMode: 'token',
  outsideMainlandChina: false,
};

/** The setup wizard for a new Official Account channel: its details, then what to do on WeChat’s side. */
export function NewChannelPage({ api }: { api: AdminApi }) {
  const [step, setStep] = useState(0);
  const [created, setCreated] = useState<ChannelView | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [icon, setIcon] = useState<File | null>(null);
  const [iconError, setIconError] = useState<string | null>(null);
  const form = useChannelForm(EMPTY, { secretsStored: false, hasStoredAesKey: false });
  const departments = useLoad<DepartmentView[]>('departments', (signal) => api.listDepartments(signal));
  const setup = useLoad<ChannelSetupInfo>('setup', (signal) => api.setupInfo(signal));
  const heading = useRef<HTMLHeadingElement>(null);
  const iconPreview = useMemo(() => (icon ? URL.createObjectURL(icon) : null), [icon]);
  useEffect(() => () => (iconPreview ? URL.revokeObjectURL(iconPreview) : undefined), [iconPreview]);

  useEffect(() => {
    document.title = 'New Official Account channel · WeChat Support Desk';
  }, []);
  useEffect(() => heading.current?.focus(), [step]);

  function next() {
    const invalid = form.check(STEP_FIELDS[step]);
    if (invalid) focusField(invalid);
    else setStep(step + 1);
  }

  async function create(event: FormEvent) {
    event.preventDefault();
    if (step < 1) return next();
    const invalid = form.check([...STEP_FIELDS[0], ...STEP_FIELDS[1]]);
    if (invalid) {
      if (STEP_FIELDS[0].includes(invalid)) setStep(0);
      focusField(invalid);
      return;
    }
    const { values } = form;
    setSubmitting(true);
    setError(null);
    try {
      let channel = await api.createChannel({
        kind: 'wechat-oa',
        name: values.name.trim(),
        departmentId: values.departmentId || null,
        config: {
          appId: values.appId,
          originalId: values.originalId,
          appSecret: values.appSecret,
          token: values.token,
          encryptionMode: values.encryptionMode,
          ...(values.encodingAesKey ? { encodingAesKey: values.encodingAesKey } : {}),
          messagesPerCustomerMessage: Number(values.messagesPerCustomerMessage),
          tokenMode: values.tokenMode,
          outsideMainlandChina: values.outsideMainlandChina,
        },
      });
      if (icon) {
        try {
          channel = await api.uploadIcon(channel.id, icon);
        } catch (failure) {
          setIconError(`The channel was created, but its icon was not saved: ${errorMessage(failure)}`);
        }
      }
      setCreated(channel);
      setStep(2);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setSubmitting(false);
    }
  }

  if (departments.status === 'loading') return <Spinner label="Loading…" />;

  return (
    <div className="admin-page admin-page--narrow">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <a href={adminHref({ screen: 'channels' })}>Channels</a> <span aria-hidden="true">›</span> New channel
      </nav>
      <h1 className="admin-page__title" ref={heading} tabIndex={-1}>
        New WeChat Official Account channel
      </h1>
      <ol className="wizard-steps">
        {STEPS.map((label, index) => (
          <li
            key={label}
            aria-current={index === step ? 'step' : undefined}
            className={index < step ? 'is-done' : undefined}
          >
            <span className="wizard-steps__number" aria-hidden="true">
              {index + 1}
            </span>
            <span>
              <span className="visually-hidden">Step {index + 1}: </span>
              {label}
            </span>
          </li>
        ))}
      </ol>

      {created ? (
        <>
          <p className="callout callout--success" role="status">
            The channel “{created.name}” is created. Now connect it on WeChat’s side.
          </p>
          {iconError && <p className="callout callout--warning">{iconError}</p>}
          {!created.fullyConfigured && (
            <p className="callout callout--warning">
              Not fully configured: {created.problems.join(' ')}{' '}
              <a href={adminHref({ screen: 'channel', channelId: created.id, section: 'settings' })}>
                Choose one in Settings
              </a>
              .
            </p>
          )}
          <ConnectPanel
            channel={created}
            setup={setup.data}
            known={{ token: form.values.token, encodingAesKey: form.values.encodingAesKey || undefined }}
            verify={() => api.verify(created.id)}
            onChecked={() => undefined}
            settingsHref={adminHref({ screen: 'channel', channelId: created.id, section: 'settings' })}
          />
          <p className="wizard-actions">
            <a
              className="button button--secondary"
              href={adminHref({ screen: 'channel', channelId: created.id, section: 'settings' })}
            >
              Go to the channel
            </a>
          </p>
        </>
      ) : (
        <form className="admin-form" onSubmit={(event) => void create(event)} noValidate>
          {error && (
            <p className="callout callout--error" role="alert">
              {error}
            </p>
          )}
          {step === 0 ? (
            <>
              <p className="admin-page__lead">
                You need the account’s Original ID, AppID and AppSecret from the WeChat Official Accounts
                Platform.
              </p>
              <AccountFields
                form={form}
                departments={departments.data ?? []}
                onCreateDepartment={async (name) => {
                  const department = await api.createDepartment(name);
                  departments.set([...(departments.data ?? []), department]);
                  return department;
                }}
              />
              <IconPicker preview={iconPreview} onPick={setIcon} onRemove={() => setIcon(null)} />
            </>
          ) : (
            <>
              <MessagingFields form={form} onGenerate={() => api.generateSecrets()} />
              <SendingFields form={form} />
            </>
          )}
          <div className="wizard-actions">
            {step > 0 && (
              <button
                type="button"
                className="button button--secondary"
                onClick={() => setStep(step - 1)}
                disabled={submitting}
              >
                Back
              </button>
            )}
            {step === 0 ? (
              <button type="button" className="button button--primary" onClick={next}>
                Next
              </button>
            ) : (
              <button type="submit" className="button button--primary" disabled={submitting}>
                {submitting ? 'Creating…' : 'Create channel'}
              </button>
            )}
          </div>
        </form>
      )}
    </div>
  );
}
