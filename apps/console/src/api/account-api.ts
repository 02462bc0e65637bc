import type {
  AcceptInvitationRequest,
  InvitationPreview,
  LoginResponse,
  Presence,
  UserView,
} from '#contracts';
import { createHttpClient, type HttpClient } from './http-client';

/** What every signed-in person does about themselves: who am I, my presence, "I am at the keyboard". */
export function createAccountApi(http: HttpClient) {
  return {
    me: (signal?: AbortSignal) => http<UserView>('GET', '/api/auth/me', { signal }),
    setPresence: (presence: Presence) => http<void>('PUT', '/api/me/presence', { body: { presence } }),
    reportActivity: () => http<void>('POST', '/api/me/activity'),
  };
}

export type AccountApi = ReturnType<typeof createAccountApi>;

/** Whom an invitation link is for; refused (404) when it is used, replaced or expired. */
export function previewInvitation(token: string, signal?: AbortSignal): Promise<InvitationPreview> {
  return createHttpClient()<InvitationPreview>('GET', `/api/auth/invitations/${encodeURIComponent(token)}`, {
    signal,
  });
}

/** An invited person chooses their password and is signed in (no session needed). */
export function acceptInvitation(request: AcceptInvitationRequest): Promise<LoginResponse> {
  return createHttpClient()<LoginResponse>('POST', '/api/auth/accept-invitation', { body: request });
}
