import { CHANNEL_LIMITS, type ChannelView } from '#contracts';
import { useId, useState } from 'react';
import { errorMessage } from '../../api/api-error';
import type { AdminApi } from '../../api/admin-api';
import { utf8Bytes } from './channel-rules';

interface FollowReplySectionProps {
  api: AdminApi;
  channel: ChannelView;
  onSaved(channel: ChannelView): void;
}

/** The text a new follower receives at once (OA9). */
export function FollowReplySection({ api, channel, onSaved }: FollowReplySectionProps) {
  const [enabled, setEnabled] = useState(channel.config.followReply.enabled);
  const [text, setText] = useState(channel.config.followReply.text);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const id = useId();
  const bytes = utf8Bytes(text.trim());
  const max = CHANNEL_LIMITS.followReplyMaxBytes;
  const problem =
    bytes > max
      ? `${bytes} bytes; WeChat accepts at most ${max} (about 680 Chinese characters).`
      : enabled && !text.trim()
        ? 'Write the text new followers receive, or turn the reply off.'
        : null;
  const dirty =
    enabled !== channel.config.followReply.enabled || text.trim() !== channel.config.followReply.text;

  async function save() {
    if (problem) return;
    setSaving(true);
    setError(null);
    try {
      const updated = await api.setFollowReply(channel.id, { enabled, text });
      onSaved(updated);
      setText(updated.config.followReply.text);
      setSaved(true);
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setSaving(false);
    }
  }

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="panel__title">
        Follow auto-reply
      </h2>
      <p className="field__hint">
        Sent the moment someone follows the account (also by scanning a QR code), as WeChat’s passive reply to
        the follow: it costs no API call and does not use the replies agents may send.
      </p>
      {error && (
        <p className="callout callout--error" role="alert">
          {error}
        </p>
      )}
      <label className="choice choice--checkbox">
        <input
          type="checkbox"
          checked={enabled}
          onChange={(event) => {
            setEnabled(event.target.checked);
            setSaved(false);
          }}
        />
        <span className="choice__title">Greet new followers</span>
      </label>
      <div className={`field${problem && (enabled || bytes > max) ? ' field--invalid' : ''}`}>
        <div className="field__label-row">
          <label htmlFor={id}>Welcome text</label>
          <span className={`byte-count${bytes > max ? ' is-over' : ''}`} aria-hidden="true">
            {bytes} / {max} bytes
          </span>
        </div>
        <textarea
          id={id}
          rows={5}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setSaved(false);
          }}
          aria-invalid={problem ? true : undefined}
          aria-describedby={`${id}-count${problem ? ` ${id}-error` : ''}`}
        />
        <span id={`${id}-count`} className="visually-hidden">
          {bytes} of {max} bytes used
        </span>
        {problem && (
          <p className="field__error" id={`${id}-error`}>
            {problem}
          </p>
        )}
      </div>
      <div className="form-actions">
        <button
          type="button"
          className="button button--primary"
          onClick={() => void save()}
          disabled={saving || !dirty || Boolean(problem)}
        >
          {saving ? 'Saving…' : 'Save follow reply'}
        </button>
        <span role="status">{saved && !dirty ? 'Saved.' : ''}</span>
      </div>
    </section>
  );
}
