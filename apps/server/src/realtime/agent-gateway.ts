import { Logger, type OnModuleInit } from '@nestjs/common';
import {
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayConnection,
  type OnGatewayInit,
} from '@nestjs/websockets';
import type {
  CatchUpResult,
  ClientToServerEvents,
  JoinResult,
  LiveEventName,
  LivePayload,
  ServerToClientEvents,
} from '#contracts';
import type { RemoteSocket, Server, Socket } from 'socket.io';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { DomainEvents } from '../common/domain-events.js';
import { ConversationsService } from '../conversations/conversations.service.js';
import { TypingService } from '../conversations/typing.service.js';
import type { AuthUser } from '../identity/auth-user.js';
import { AuthService } from '../identity/auth.service.js';
import { positionOf } from './catch-up.js';
import { CatchUpService } from './catch-up.service.js';
import { LiveDelivery } from './live-delivery.service.js';
import { roomChanges, rooms, scopeRooms, type SocketScope } from './socket-rooms.js';
import { SocketScopes } from './socket-scopes.service.js';

interface AgentSocketData {
  user: AuthUser;
  /** The handshake's session token: every join and catch-up checks that the session is still live. */
  token: string;
  /** Conversations this socket views: conversation id → channel id. */
  viewing: Record<string, string>;
}

type AgentServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, AgentSocketData>;
type AgentSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, AgentSocketData>;
type AnySocket = AgentSocket | RemoteSocket<ServerToClientEvents, AgentSocketData>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A console views one conversation; a few more tabs' worth is allowed, not an unbounded list. */
const MAX_VIEWING = 20;

const refused = (code: ErrorCode, message: string): JoinResult => ({ ok: false, error: { code, message } });

function conversationIdOf(payload: unknown): string | null {
  const id = (payload as { conversationId?: unknown } | null)?.conversationId;
  return typeof id === 'string' && UUID.test(id) ? id : null;
}

/**
 * The agents' Socket.IO endpoint (RT1): authenticates the handshake, keeps each socket in the rooms its
 * user's current scope allows, lets it view conversations (checked on every join), replays what it missed
 * (RT2), and emits the event log's events to the local sockets in their rooms.
 */
@WebSocketGateway({ cors: false, serveClient: false })
export class AgentGateway implements OnGatewayInit, OnGatewayConnection, OnModuleInit {
  private readonly logger = new Logger(AgentGateway.name);

  @WebSocketServer()
  private server: AgentServer;

  constructor(
    private readonly auth: AuthService,
    private readonly scopes: SocketScopes,
    private readonly conversations: ConversationsService,
    private readonly catchUps: CatchUpService,
    private readonly delivery: LiveDelivery,
    private readonly events: DomainEvents,
    private readonly typing: TypingService,
  ) {}

  onModuleInit(): void {
    this.events.on('channel.agents-changed', ({ userIds }) => this.rescope(userIds));
    this.events.on('user.scope-changed', ({ userIds }) => this.rescope(userIds));
    this.events.on('channel.department-changed', async ({ departmentIds }) =>
      this.rescope(await this.scopes.membersOf(departmentIds)),
    );
    // A revoked session (logout, deactivation) loses its live sockets too, in every process.
    this.events.on('session.revoked', ({ sessionId }) =>
      this.server.in(rooms.session(sessionId)).disconnectSockets(true),
    );
  }

  /** The handshake must carry a live session token: `io(url, { auth: { token } })`. */
  afterInit(server: AgentServer): void {
    this.delivery.attach((logged) => this.send(logged.event, logged.rooms, logged.payload as never));
    server.use((socket, next) => {
      const token: unknown = socket.handshake.auth?.token;
      const session = typeof token === 'string' ? token : '';
      this.auth
        .authenticate(session)
        .then(async (user) => {
          if (!user) return next(new Error('unauthorized'));
          socket.data = { user, token: session, viewing: {} };
          await socket.join(scopeRooms(await this.scopes.of(user)));
          next();
        })
        .catch((error: unknown) => {
          this.logger.error(`Socket handshake failed: ${String(error)}`);
          next(new Error('unavailable'));
        });
    });
  }

  /** Events from agents. The handshake authenticated the socket; each event is authorised itself. */
  handleConnection(socket: AgentSocket): void {
    socket.on('conversation.typing', (payload: unknown) => {
      const conversationId = conversationIdOf(payload);
      if (!conversationId) return;
      // A conversation the agent may not see, or a failure: nothing to tell the typist.
      this.typing.agentTyping(socket.data.user, conversationId).catch((error: unknown) => {
        if (!(error instanceof DomainError)) this.logger.warn(`Typing event failed: ${String(error)}`);
      });
    });
    socket.on('conversation.join', (payload: unknown, ack: unknown) =>
      this.answer(ack, () => this.join(socket, payload)),
    );
    socket.on('conversation.leave', (payload: unknown, ack: unknown) =>
      this.answer(ack, () => this.leave(socket, payload)),
    );
    socket.on('live.catch-up', (payload: unknown, ack: unknown) =>
      this.answer(ack, () => this.catchUp(socket, payload)),
    );
  }

  /** Emits to this process's sockets only: every process reads the log and serves its own (see LiveTail). */
  private send<E extends LiveEventName>(event: E, to: string[], payload: LivePayload<E>): void {
    this.server.local.to(to).emit(event, ...([payload] as Parameters<ServerToClientEvents[E]>));
  }

  private async join(socket: AgentSocket, payload: unknown): Promise<JoinResult> {
    const conversationId = conversationIdOf(payload);
    if (!conversationId) {
      return refused(ErrorCode.ValidationFailed, 'conversationId must be the id of a conversation');
    }
    const user = await this.liveUser(socket);
    if (!user) return refused(ErrorCode.Unauthenticated, 'Your session has ended: sign in again');
    const { viewing } = socket.data;
    if (!(conversationId in viewing) && Object.keys(viewing).length >= MAX_VIEWING) {
      return refused(
        ErrorCode.ValidationFailed,
        `A connection views at most ${MAX_VIEWING} conversations at once: leave one first`,
      );
    }
    try {
      // Not found and not allowed look alike to an agent, as in the API.
      const conversation = await this.conversations.visibleConversation(user, conversationId);
      viewing[conversationId] = conversation.channel_id;
      await socket.join(rooms.conversation(conversationId));
      return { ok: true };
    } catch (error) {
      if (error instanceof DomainError) return refused(error.code, error.message);
      throw error;
    }
  }

  private async leave(socket: AgentSocket, payload: unknown): Promise<JoinResult> {
    const conversationId = conversationIdOf(payload);
    if (!conversationId) {
      return refused(ErrorCode.ValidationFailed, 'conversationId must be the id of a conversation');
    }
    delete socket.data.viewing[conversationId];
    await socket.leave(rooms.conversation(conversationId));
    return { ok: true };
  }

  /** The rooms are worked out again first, so the replay is what the user may see now. */
  private async catchUp(socket: AgentSocket, payload: unknown): Promise<CatchUpResult | null> {
    const user = await this.liveUser(socket);
    if (!user) return null;
    await this.moveRooms(socket, await this.scopes.of(user));
    return this.catchUps.catchUp(positionOf(payload), [...socket.rooms]);
  }

  /** The socket's user as of now; a session that ended takes the socket with it. */
  private async liveUser(socket: AgentSocket): Promise<AuthUser | null> {
    const user = await this.auth.authenticate(socket.data.token);
    if (!user) {
      socket.disconnect(true);
      return null;
    }
    socket.data.user = user;
    return user;
  }

  /**
   * Scope changes take effect on open sockets at once, in every process (through the adapter), without a
   * reconnection: associations, departments, a channel routed elsewhere. A changed role or a deactivated
   * user disconnects instead: the socket's identity itself changed, and the console reconnects and catches up.
   */
  private async rescope(userIds: string[]): Promise<void> {
    if (userIds.length === 0) return;
    const sockets = await this.server.in(userIds.map(rooms.user)).fetchSockets();
    const byUser = new Map<string, typeof sockets>();
    for (const socket of sockets) {
      byUser.set(socket.data.user.id, [...(byUser.get(socket.data.user.id) ?? []), socket]);
    }
    await Promise.all(
      [...byUser].map(async ([userId, own]) => {
        const role = await this.scopes.roleNow(userId);
        const [stay, go] = partition(own, (socket) => socket.data.user.role === role);
        for (const socket of go) socket.disconnect(true);
        if (!role || stay.length === 0) return;
        const scope = await this.scopes.of({ id: userId, role, sessionId: '' });
        for (const socket of stay) {
          await this.moveRooms(socket, { ...scope, sessionId: socket.data.user.sessionId });
        }
      }),
    );
  }

  private async moveRooms(socket: AnySocket, scope: SocketScope): Promise<void> {
    const { join, leave } = roomChanges(socket.rooms, scope, socket.data.viewing, socket.id);
    for (const room of leave) await socket.leave(room);
    if (join.length > 0) await socket.join(join);
  }

  /** Answers an acknowledged event; a client that gave no callback gets nothing, a failure a logged error. */
  private answer<T>(ack: unknown, work: () => Promise<T | null>): void {
    work().then(
      (result) => {
        if (result !== null && typeof ack === 'function') (ack as (result: T) => void)(result);
      },
      (error: unknown) => this.logger.error(`Socket request failed: ${String(error)}`),
    );
  }
}

function partition<T>(items: T[], keep: (item: T) => boolean): [T[], T[]] {
  return [items.filter(keep), items.filter((item) => !keep(item))];
}
