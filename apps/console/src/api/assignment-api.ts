import type {
  AddParticipantRequest,
  AssignConversationRequest,
  ConversationActivityView,
  ConversationTeamView,
  ConversationView,
  DepartmentView,
  SupervisorOverview,
  TransferConversationRequest,
} from '#contracts';
import type { HttpClient } from './http-client';

const conversation = (id: string) => `/api/conversations/${encodeURIComponent(id)}`;

/** Who handles a conversation (CV3), its activity, and the supervisor view. */
export function createAssignmentApi(http: HttpClient) {
  return {
    activity: (id: string, signal?: AbortSignal) =>
      http<ConversationActivityView[]>('GET', `${conversation(id)}/activity`, { signal }),
    team: (id: string, signal?: AbortSignal) =>
      http<ConversationTeamView>('GET', `${conversation(id)}/team`, { signal }),
    pick: (id: string) => http<ConversationView>('POST', `${conversation(id)}/pick`),
    assign: (id: string, assigneeId: string) =>
      http<ConversationView>('POST', `${conversation(id)}/assign`, {
        body: { assigneeId } satisfies AssignConversationRequest,
      }),
    transfer: (id: string, request: TransferConversationRequest) =>
      http<ConversationView>('POST', `${conversation(id)}/transfer`, { body: request }),
    addParticipant: (id: string, userId: string) =>
      http<ConversationView>('POST', `${conversation(id)}/participants`, {
        body: { userId } satisfies AddParticipantRequest,
      }),
    close: (id: string) => http<ConversationView>('POST', `${conversation(id)}/close`),
    departments: (signal?: AbortSignal) => http<DepartmentView[]>('GET', '/api/departments', { signal }),
    supervisorOverview: (signal?: AbortSignal) =>
      http<SupervisorOverview>('GET', '/api/supervisor/overview', { signal }),
  };
}

export type AssignmentApi = ReturnType<typeof createAssignmentApi>;
