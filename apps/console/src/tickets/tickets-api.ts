import type {
  ConversationTicketView,
  CreateTicketRequest,
  DepartmentView,
  LinkConversationRequest,
  ListTicketsQuery,
  TicketAssigneeView,
  TicketDetailView,
  TicketPage,
  TicketThreadView,
  UpdateTicketRequest,
} from '#contracts';
import type { HttpClient } from '../api/http-client';

const path = (id: string) => `/api/tickets/${encodeURIComponent(id)}`;

function queryString(query: ListTicketsQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The ticket endpoints the console uses, typed with the wire contracts. */
export function createTicketsApi(http: HttpClient) {
  return {
    list: (query: ListTicketsQuery, signal?: AbortSignal) =>
      http<TicketPage>('GET', `/api/tickets${queryString(query)}`, { signal }),
    get: (id: string, signal?: AbortSignal) => http<TicketDetailView>('GET', path(id), { signal }),
    thread: (id: string, signal?: AbortSignal) =>
      http<TicketThreadView>('GET', `${path(id)}/thread`, { signal }),
    assignees: (id: string, departmentId: string | null, signal?: AbortSignal) =>
      http<TicketAssigneeView[]>(
        'GET',
        `${path(id)}/assignees${departmentId ? `?departmentId=${encodeURIComponent(departmentId)}` : ''}`,
        { signal },
      ),
    update: (id: string, body: UpdateTicketRequest) => http<TicketDetailView>('PATCH', path(id), { body }),
    create: (body: CreateTicketRequest) => http<TicketDetailView>('POST', '/api/tickets', { body }),
    link: (id: string, conversationId: string) =>
      http<TicketDetailView>('POST', `${path(id)}/conversations`, {
        body: { conversationId } satisfies LinkConversationRequest,
      }),
    unlink: (id: string, conversationId: string) =>
      http<TicketDetailView>('DELETE', `${path(id)}/conversations/${encodeURIComponent(conversationId)}`),
    ofConversation: (conversationId: string, signal?: AbortSignal) =>
      http<ConversationTicketView>('GET', `/api/conversations/${encodeURIComponent(conversationId)}/ticket`, {
        signal,
      }),
    departments: (signal?: AbortSignal) => http<DepartmentView[]>('GET', '/api/departments', { signal }),
  };
}

export type TicketsApi = ReturnType<typeof createTicketsApi>;
