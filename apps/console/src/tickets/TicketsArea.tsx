import type { DepartmentView } from '#contracts';
import { useEffect, useState } from 'react';
import { isAbort } from '../api/api-error';
import type { DeskApi } from '../api/desk-api';
import { ConnectionBanner } from '../live/ConnectionBanner';
import { TicketListPage } from './TicketListPage';
import { TicketPage } from './TicketPage';
import type { TicketRoute } from './ticket-route';
import type { TicketsApi } from './tickets-api';
import { useTicketEvents } from './useTicketEvents';

interface TicketsAreaProps {
  api: TicketsApi;
  desk: DeskApi;
  token: string;
  route: TicketRoute;
  onUnauthorized(): void;
}

/** The tickets screens, by address, with their live connection. */
export function TicketsArea({ api, desk, token, route, onUnauthorized }: TicketsAreaProps) {
  const live = useTicketEvents(token, onUnauthorized);
  const [departments, setDepartments] = useState<DepartmentView[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    api.departments(controller.signal).then(setDepartments, (error: unknown) => {
      // Without the list the filters and the ticket's department offer fewer choices; nothing else breaks.
      if (!isAbort(error)) setDepartments([]);
    });
    return () => controller.abort();
  }, [api]);

  return (
    <div className="tickets-frame" data-live-status={live.status}>
      <ConnectionBanner status={live.status} backOnline={live.backOnline} />
      <main className="tickets">
        {route.screen === 'list' ? (
          <TicketListPage api={api} live={live} filters={route.filters} departments={departments} />
        ) : (
          <TicketPage
            key={route.ticketId}
            api={api}
            desk={desk}
            live={live}
            ticketId={route.ticketId}
            departments={departments}
          />
        )}
      </main>
    </div>
  );
}
