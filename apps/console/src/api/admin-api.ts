import type {
  ChannelMenuButton,
  ChannelMenuView,
  ChannelSetupInfo,
  ChannelVerification,
  ChannelView,
  CreateChannelRequest,
  DepartmentView,
  GeneratedCallbackSecrets,
  InvitationView,
  InviteUserRequest,
  PublishedChannelMenu,
  SetFollowReplyRequest,
  UpdateChannelRequest,
  UpdateUserRequest,
  UserView,
} from '#contracts';
import type { HttpClient } from './http-client';

const channel = (id: string) => `/api/channels/${encodeURIComponent(id)}`;
const user = (id: string) => `/api/users/${encodeURIComponent(id)}`;
const department = (id: string) => `/api/departments/${encodeURIComponent(id)}`;

/** The admin endpoints behind the setup screens; the server refuses them to anyone but admins. */
export function createAdminApi(http: HttpClient) {
  return {
    listChannels: (signal?: AbortSignal) => http<ChannelView[]>('GET', '/api/channels', { signal }),
    getChannel: (id: string, signal?: AbortSignal) => http<ChannelView>('GET', channel(id), { signal }),
    createChannel: (request: CreateChannelRequest) =>
      http<ChannelView>('POST', '/api/channels', { body: request }),
    updateChannel: (id: string, request: UpdateChannelRequest) =>
      http<ChannelView>('PATCH', channel(id), { body: request }),
    deactivate: (id: string) => http<ChannelView>('POST', `${channel(id)}/deactivate`),
    reactivate: (id: string) => http<ChannelView>('POST', `${channel(id)}/reactivate`),
    deleteChannel: (id: string) => http<void>('DELETE', channel(id)),
    setAgents: (id: string, agentIds: string[]) =>
      http<ChannelView>('PUT', `${channel(id)}/agents`, { body: { agentIds } }),
    setFollowReply: (id: string, request: SetFollowReplyRequest) =>
      http<ChannelView>('PUT', `${channel(id)}/follow-reply`, { body: request }),
    uploadIcon: (id: string, file: File) => {
      const form = new FormData();
      form.append('icon', file, file.name);
      return http<ChannelView>('PUT', `${channel(id)}/icon`, { body: form });
    },
    removeIcon: (id: string) => http<ChannelView>('DELETE', `${channel(id)}/icon`),
    /** "Verify installation": the server asks WeChat for a token and says what it found. */
    verify: (id: string) => http<ChannelVerification>('POST', `${channel(id)}/verify`),
    getMenu: (id: string, signal?: AbortSignal) =>
      http<ChannelMenuView>('GET', `${channel(id)}/menu`, { signal }),
    saveMenu: (id: string, buttons: ChannelMenuButton[]) =>
      http<ChannelMenuView>('PUT', `${channel(id)}/menu`, { body: { buttons } }),
    publishMenu: (id: string) => http<ChannelMenuView>('POST', `${channel(id)}/menu/publish`),
    publishedMenu: (id: string) => http<PublishedChannelMenu>('GET', `${channel(id)}/menu/published`),
    removeMenu: (id: string) => http<ChannelMenuView>('DELETE', `${channel(id)}/menu`),
    setupInfo: (signal?: AbortSignal) =>
      http<ChannelSetupInfo>('GET', '/api/channels/wechat-oa/setup-info', { signal }),
    generateSecrets: () =>
      http<GeneratedCallbackSecrets>('POST', '/api/channels/wechat-oa/generated-secrets'),
    listDepartments: (signal?: AbortSignal) => http<DepartmentView[]>('GET', '/api/departments', { signal }),
    createDepartment: (name: string) => http<DepartmentView>('POST', '/api/departments', { body: { name } }),
    renameDepartment: (id: string, name: string) =>
      http<DepartmentView>('PATCH', department(id), { body: { name } }),
    /** Refused (409) while channels are routed to the department. */
    deleteDepartment: (id: string) => http<void>('DELETE', department(id)),
    setDepartmentAutoAssign: (id: string, autoAssign: boolean) =>
      http<DepartmentView>('PUT', `${department(id)}/assignment`, { body: { autoAssign } }),
    listUsers: (signal?: AbortSignal) => http<UserView[]>('GET', '/api/users', { signal }),
    /** The answer holds the one-time link: it is never shown again. */
    inviteUser: (request: InviteUserRequest) =>
      http<InvitationView>('POST', '/api/users/invitations', { body: request }),
    /** A new link for a pending invitation; the previous link stops working. */
    reissueInvitation: (id: string) => http<InvitationView>('POST', `${user(id)}/invitation`),
    /** `active: false` signs the person out everywhere. */
    updateUser: (id: string, request: UpdateUserRequest) =>
      http<UserView>('PATCH', user(id), { body: request }),
    /** An image behind the session's bearer token (a channel icon), as bytes. */
    image: (url: string, signal?: AbortSignal) => http<Blob>('GET', url, { signal, as: 'blob' }),
  };
}

export type AdminApi = ReturnType<typeof createAdminApi>;
