import type {
  CannedReplyChoice,
  CannedReplyView,
  ContactPageView,
  CreateCannedReplyRequest,
  DepartmentView,
  SearchQuery,
  SearchResults,
  UpdateCannedReplyRequest,
  UpdatePersonRequest,
  UserView,
} from '#contracts';
import type { HttpClient } from './http-client';

const contact = (id: string) => `/api/contacts/${encodeURIComponent(id)}`;
const reply = (id: string) => `/api/canned-replies/${encodeURIComponent(id)}`;

/** Search, contacts and people, canned replies: the endpoints of the screens beside the inbox. */
export function createContactsApi(http: HttpClient) {
  return {
    search: (query: SearchQuery, signal?: AbortSignal) =>
      http<SearchResults>('GET', `/api/search?${queryString(query)}`, { signal }),
    contactPage: (id: string, signal?: AbortSignal) => http<ContactPageView>('GET', contact(id), { signal }),
    updatePerson: (id: string, request: UpdatePersonRequest) =>
      http<ContactPageView>('PATCH', `${contact(id)}/person`, { body: request }),
    merge: (id: string, otherContactId: string) =>
      http<ContactPageView>('POST', `${contact(id)}/merge`, { body: { contactId: otherContactId } }),
    split: (id: string) => http<ContactPageView>('POST', `${contact(id)}/split`),
    /** CV4: their messages are stored but raise no chat until unblocked. */
    block: (id: string) => http<ContactPageView>('PUT', `${contact(id)}/block`),
    unblock: (id: string) => http<ContactPageView>('DELETE', `${contact(id)}/block`),
    listCannedReplies: (signal?: AbortSignal) =>
      http<CannedReplyView[]>('GET', '/api/canned-replies', { signal }),
    cannedRepliesFor: (conversationId: string, signal?: AbortSignal) =>
      http<CannedReplyChoice[]>(
        'GET',
        `/api/canned-replies?conversationId=${encodeURIComponent(conversationId)}`,
        {
          signal,
        },
      ),
    createCannedReply: (request: CreateCannedReplyRequest) =>
      http<CannedReplyView>('POST', '/api/canned-replies', { body: request }),
    updateCannedReply: (id: string, request: UpdateCannedReplyRequest) =>
      http<CannedReplyView>('PATCH', reply(id), { body: request }),
    deleteCannedReply: (id: string) => http<void>('DELETE', reply(id)),
    listDepartments: (signal?: AbortSignal) => http<DepartmentView[]>('GET', '/api/departments', { signal }),
    /** Admins and supervisors only (the assignee filter); agents filter on themselves. */
    listUsers: (signal?: AbortSignal) => http<UserView[]>('GET', '/api/users', { signal }),
  };
}

export type ContactsApi = ReturnType<typeof createContactsApi>;

function queryString(query: object): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  return params.toString();
}
