import type {
  ConversationView,
  ListConversationsQuery,
  LoginRequest,
  LoginResponse,
  MessageView,
  SendMessageRequest,
} from '#contracts';
import { createHttpClient, type HttpClient } from './http-client';

export type InboxFilter = NonNullable<ListConversationsQuery['status']>;

/** The REST endpoints the console uses, typed with the wire contracts. */
export function createDeskApi(http: HttpClient) {
  return {
    logout: () => http<void>('POST', '/api/auth/logout'),
    listConversations: (status: InboxFilter, signal?: AbortSignal) =>
      http<ConversationView[]>('GET', `/api/conversations?status=${encodeURIComponent(status)}`, { signal }),
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
    retryMessage: (conversationId: string, messageId: string) =>
      http<MessageView>(
        'POST',
        `/api/conversations/${encodeURIComponent(conversationId)}/messages/${encodeURIComponent(messageId)}/retry`,
      ),
  };
}

export type DeskApi = ReturnType<typeof createDeskApi>;

export function login(credentials: LoginRequest): Promise<LoginResponse> {
  return createHttpClient()<LoginResponse>('POST', '/api/auth/login', { body: credentials });
}
