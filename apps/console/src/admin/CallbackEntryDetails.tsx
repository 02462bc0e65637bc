import type { CallbackLogEntryView } from '#contracts';
import { routeHref } from '../routing/hash-route';

/** Everything the recorder kept of one callback: ids, sizes, and the verified payload (or a refused body's start). */
export function CallbackEntryDetails({ entry }: { entry: CallbackLogEntryView }) {
  return (
    <div className="log-details">
      <dl className="log-details__facts">
        <dt>Entry</dt>
        <dd>
          {entry.id}
          {entry.reingestOf && ` (re-ingest of ${entry.reingestOf})`}
        </dd>
        <dt>Platform message id</dt>
        <dd>{entry.platformMessageId ?? '—'}</dd>
        <dt>Body</dt>
        <dd>
          {entry.bodyBytes} bytes, {entry.encrypted ? 'encrypted' : 'plaintext'}
        </dd>
        {entry.conversationId && (
          <>
            <dt>Conversation</dt>
            <dd>
              <a href={routeHref({ view: 'open', conversationId: entry.conversationId })}>
                Open the conversation
              </a>
            </dd>
          </>
        )}
      </dl>
      {entry.payload ? (
        <>
          <p className="log-details__heading">Verified payload (signatures and ciphertext removed)</p>
          <pre className="log-details__payload">{JSON.stringify(entry.payload, null, 2)}</pre>
        </>
      ) : (
        <>
          <p className="log-details__heading">Start of the refused body (not verified)</p>
          <pre className="log-details__payload">{entry.bodyPrefix || '(empty)'}</pre>
        </>
      )}
    </div>
  );
}
