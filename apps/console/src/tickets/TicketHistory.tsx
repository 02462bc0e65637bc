import type { TicketActivityView } from '#contracts';
import { useId } from 'react';
import { formatFullTime, formatListTime } from '../ui/time-format';
import { useNow } from '../ui/useNow';
import { actorName, describeChange } from './ticket-labels';

/** Who changed what and when, newest first; the system's entries say why. */
export function TicketHistory({ activity }: { activity: TicketActivityView[] }) {
  const now = useNow(60_000);
  const titleId = useId();
  return (
    <section className="ticket-history panel" aria-labelledby={titleId}>
      <h2 className="panel__title" id={titleId}>
        History
      </h2>
      <ol className="ticket-history__list">
        {[...activity].reverse().map((entry) => (
          <li
            key={entry.id}
            className={`ticket-history__entry${entry.actor ? '' : ' ticket-history__entry--system'}`}
          >
            <p>
              <strong>{actorName(entry)}</strong> {describeChange(entry.change)}
            </p>
            {entry.reason && <p className="ticket-history__reason">{entry.reason}</p>}
            <time dateTime={entry.at} title={formatFullTime(entry.at)}>
              {formatListTime(entry.at, now)}
            </time>
          </li>
        ))}
      </ol>
    </section>
  );
}
