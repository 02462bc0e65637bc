import type {
  AddNoteRequest,
  AttachmentKind,
  CallbackLogEntryView,
  CallbackLogPage,
  CallbackLogQuery,
  ChannelView,
  ConversationView,
  InboxCounts,
  InboxCountsQuery,
  InboxPage,
  InboxQuery,
  ListConversationsQuery,
  LoginRequest,
  LoginResponse,
  MediaAccessTicket,
  MessageView,
  SendMessageRequest,
  UploadedAttachment,
} from '#contracts';
import { createHttpClient, type HttpClient } from './http-client';

export type InboxFilter = NonNullable<ListConversationsQuery['status']>;

/** The REST endpoints the console uses, typed with the wire contracts. */
export function createDeskApi(http: HttpClient) {
  return {
    logout: () => http<void>('POST', '/api/auth/logout'),
    listConversations: (status: InboxFilter, signal?: AbortSignal) =>
      http<ConversationView[]>('GET', `/api/conversations?status=${encodeURIComponent(status)}`, { signal }),
    /** One page of an inbox view (RT3), within what the user may see. */
    inbox: (query: InboxQuery, signal?: AbortSignal) =>
      http<InboxPage>('GET', `/api/inbox?${queryString(query)}`, { signal }),
    inboxCounts: (query: InboxCountsQuery, signal?: AbortSignal) =>
      http<InboxCounts>('GET', `/api/inbox/counts?${queryString(query)}`, { signal }),
    getConversation: (id: string, signal?: AbortSignal) =>
      http<ConversationView>('GET', `/api/conversations/${encodeURIComponent(id)}`, { signal }),
    listMessages: (conversationId: string, signal?: AbortSignal) =>
      http<MessageView[]>('GET', `/api/conversations/${encodeURIComponent(conversationId)}/messages`, {
        signal,
      }),
    sendText: (conversationId: string, text: string) =>
      http<MessageView>('POST', `/api/conversations/${encodeURIComponent(conversationId)}/messages`, {
        body: { type: 'text', text } satisfies SendMessageRequest,
      }),
    /** A private note (CV4): stored with the conversation, never sent to the customer. */
    addNote: (conversationId: string, text: string) =>
      http<MessageView>('POST', `/api/conversations/${encodeURIComponent(conversationId)}/notes`, {
        body: { text } satisfies AddNoteRequest,
      }),
    /** Stores a file for this conversation (checked by the server against the channel's rules). */
    uploadAttachment: (
      conversationId: string,
      kind: AttachmentKind,
      file: File,
      onProgress: (fraction: number) => void,
      signal?: AbortSignal,
    ) => {
      const form = new FormData();
      form.append('file', file, file.name || `${kind}`);
      return http<UploadedAttachment>(
        'POST',
        `/api/conversations/${encodeURIComponent(conversationId)}/attachments?kind=${encodeURIComponent(kind)}`,
        { body: form, onUploadProgress: onProgress, signal },
      );
    },
    sendAttachment: (conversationId: string, kind: AttachmentKind, mediaId: string) =>
      http<MessageView>('POST', `/api/conversations/${encodeURIComponent(conversationId)}/messages`, {
        body: { type: kind, mediaId } satisfies SendMessageRequest,
      }),
    retryMessage: (conversationId: string, messageId: string) =>
      http<MessageView>(
        'POST',
        `/api/conversations/${encodeURIComponent(conversationId)}/messages/${encodeURIComponent(messageId)}/retry`,
      ),
    createMediaTicket: () => http<MediaAccessTicket>('POST', '/api/media/tickets'),
    listChannels: (signal?: AbortSignal) => http<ChannelView[]>('GET', '/api/channels', { signal }),
    listCallbacks: (query: CallbackLogQuery, signal?: AbortSignal) =>
      http<CallbackLogPage>('GET', `/api/admin/callbacks?${queryString(query)}`, { signal }),
    reingestCallback: (id: string) =>
      http<CallbackLogEntryView>('POST', `/api/admin/callbacks/${encodeURIComponent(id)}/reingest`),
  };
}

export type DeskApi = ReturnType<typeof createDeskApi>;

function queryString(query: object): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  return params.toString();
}

export function login(credentials: LoginRequest): Promise<LoginResponse> {
  return createHttpClient()<LoginResponse>('POST', '/api/auth/login', { body: credentials });
}
