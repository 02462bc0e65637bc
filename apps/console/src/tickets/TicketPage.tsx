import type { DepartmentView, UpdateTicketRequest } from '#contracts';
import { ticketLabel } from '#contracts';
import { useEffect, useId } from 'react';
import type { DeskApi } from '../api/desk-api';
import { Spinner } from '../ui/Spinner';
import { SubjectEditor } from './SubjectEditor';
import { TicketPriorityBadge, TicketStatusBadge } from './TicketBadges';
import { TicketConversations } from './TicketConversations';
import { TicketDetails } from './TicketDetails';
import { TicketHistory } from './TicketHistory';
import { TicketThread } from './TicketThread';
import { ticketHref, ticketListHref } from './ticket-route';
import type { TicketsApi } from './tickets-api';
import type { TicketLive } from './useTicketEvents';
import { useTicketDetail } from './useTicketDetail';

interface TicketPageProps {
  api: TicketsApi;
  desk: DeskApi;
  live: TicketLive;
  ticketId: string;
  departments: DepartmentView[];
}

/** One ticket: its subject, fields, thread and history, kept current while it is open. */
export function TicketPage({ api, desk, live, ticketId, departments }: TicketPageProps) {
  const titleId = useId();
  const { detail, thread, applyWrite, reloadThread } = useTicketDetail(api, live, ticketId);
  const ticket = detail.data?.ticket;

  useEffect(() => {
    document.title = `${ticket ? `${ticketLabel(ticket.number)} ${ticket.subject}` : 'Ticket'} · WeChat Support Desk`;
  }, [ticket]);

  if (!detail.data) {
    return (
      <div className="ticket-page">
        {detail.status === 'error' ? (
          <div className="empty-state" role="alert">
            <p className="empty-state__title">
              {detail.notFound ? 'Ticket not found' : 'Couldn’t open this ticket'}
            </p>
            <p className="empty-state__text">
              {detail.notFound
                ? 'It may not exist, or its conversations are on channels you are not associated with.'
                : detail.error}
            </p>
            <a className="button button--secondary" href={ticketListHref()}>
              Back to tickets
            </a>
          </div>
        ) : (
          <Spinner label="Opening ticket…" />
        )}
      </div>
    );
  }

  const { conversations, activity } = detail.data;
  const current = detail.data.ticket;
  const change = async (request: UpdateTicketRequest) => applyWrite(await api.update(ticketId, request));

  return (
    <article className="ticket-page" aria-labelledby={titleId}>
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <a href={ticketListHref()}>Tickets</a> › {ticketLabel(current.number)}
      </nav>
      <header className="ticket-page__head">
        <SubjectEditor
          subject={current.subject}
          number={ticketLabel(current.number)}
          titleId={titleId}
          onSave={(subject) => change({ subject })}
        />
        <p className="ticket-page__badges">
          <TicketStatusBadge status={current.status} />
          <TicketPriorityBadge priority={current.priority} />
          {current.previousTicket && (
            <span className="ticket-page__previous">
              Continues{' '}
              <a href={ticketHref(current.previousTicket.id)}>{ticketLabel(current.previousTicket.number)}</a>
            </span>
          )}
        </p>
      </header>
      <div className="ticket-page__body">
        <TicketThread
          thread={thread.data}
          status={thread.status}
          error={thread.error}
          onReload={reloadThread}
          onRetryMessage={async (conversationId, messageId) => {
            await desk.retryMessage(conversationId, messageId);
            reloadThread();
          }}
        />
        <div className="ticket-page__side">
          <TicketDetails api={api} ticket={current} departments={departments} onChange={change} />
          <TicketConversations
            conversations={conversations}
            onUnlink={async (conversationId) => applyWrite(await api.unlink(ticketId, conversationId))}
          />
          <TicketHistory activity={activity} />
        </div>
      </div>
    </article>
  );
}
