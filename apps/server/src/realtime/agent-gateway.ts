import { Logger, type OnModuleInit } from '@nestjs/common';
import {
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayConnection,
  type OnGatewayInit,
} from '@nestjs/websockets';
import type { ClientToServerEvents, ServerToClientEvents } from '#contracts';
import type { Server, Socket } from 'socket.io';
import { DomainError } from '../common/domain-error.js';
import { DomainEvents } from '../common/domain-events.js';
import { TypingService } from '../conversations/typing.service.js';
import { AccessScopeService } from '../identity/access-scope.service.js';
import type { AuthUser } from '../identity/auth-user.js';
import { AuthService } from '../identity/auth.service.js';

type AgentSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  { user: AuthUser }
>;
type AgentServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  { user: AuthUser }
>;

/** Admins see every channel; everyone else is in one room per channel they may see (RT1, CH5). */
const ALL_CHANNELS = 'channels:all';
const channelRoom = (channelId: string) => `channel:${channelId}`;
const userRoom = (userId: string) => `user:${userId}`;
const sessionRoom = (sessionId: string) => `session:${sessionId}`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@WebSocketGateway({ cors: false, serveClient: false })
export class AgentGateway implements OnGatewayInit, OnGatewayConnection, OnModuleInit {
  private readonly logger = new Logger(AgentGateway.name);

  @WebSocketServer()
  private server: AgentServer;

  constructor(
    private readonly auth: AuthService,
    private readonly access: AccessScopeService,
    private readonly events: DomainEvents,
    private readonly typing: TypingService,
  ) {}

  onModuleInit(): void {
    this.events.on('message.created', ({ channelId, conversationId, message }) =>
      this.send(channelId, 'message.created', { conversationId, message }),
    );
    this.events.on('message.updated', ({ channelId, conversationId, message }) =>
      this.send(channelId, 'message.updated', { conversationId, message }),
    );
    this.events.on('conversation.updated', ({ channelId, conversation }) =>
      this.send(channelId, 'conversation.updated', { conversation }),
    );
    // To everyone who sees one of the ticket's conversations; department rooms will add its department.
    this.events.on('ticket.created', ({ channelIds, ticket }) =>
      this.send(channelIds, 'ticket.created', { ticket }),
    );
    this.events.on('ticket.updated', ({ channelIds, ticket }) =>
      this.send(channelIds, 'ticket.updated', { ticket }),
    );
    this.events.on('channel.agents-changed', ({ userIds }) => this.rejoin(userIds));
    // Role or departments changed: the socket reconnects and its rooms are worked out from scratch.
    this.events.on('user.scope-changed', ({ userIds }) =>
      this.server.in(userIds.map(userRoom)).disconnectSockets(true),
    );
    // A revoked session (logout) loses its live sockets too, not only its REST access.
    this.events.on('session.revoked', ({ sessionId }) =>
      this.server.in(sessionRoom(sessionId)).disconnectSockets(true),
    );
  }

  /** The handshake must carry a live session token: `io(url, { auth: { token } })`. */
  afterInit(server: AgentServer): void {
    server.use((socket, next) => {
      const token: unknown = socket.handshake.auth?.token;
      this.auth
        .authenticate(typeof token === 'string' ? token : '')
        .then(async (user) => {
          if (!user) return next(new Error('unauthorized'));
          socket.data.user = user;
          await this.joinRooms(socket);
          next();
        })
        .catch((error: unknown) => {
          this.logger.error(`Socket handshake failed: ${String(error)}`);
          next(new Error('unavailable'));
        });
    });
  }

  /** Events from agents. The handshake already authenticated the socket; each event is authorised itself. */
  handleConnection(socket: AgentSocket): void {
    socket.on('conversation.typing', (payload: unknown) => {
      const conversationId = (payload as { conversationId?: unknown } | null)?.conversationId;
      if (typeof conversationId !== 'string' || !UUID.test(conversationId)) return;
      // A conversation the agent may not see, or a failure: nothing to tell the typist.
      this.typing.agentTyping(socket.data.user, conversationId).catch((error: unknown) => {
        if (!(error instanceof DomainError)) this.logger.warn(`Typing event failed: ${String(error)}`);
      });
    });
  }

  private send<E extends keyof ServerToClientEvents>(
    channelIds: string | string[],
    event: E,
    ...payload: Parameters<ServerToClientEvents[E]>
  ): void {
    this.server.to([...[channelIds].flat().map(channelRoom), ALL_CHANNELS]).emit(event, ...payload);
  }

  private async joinRooms(socket: AgentSocket): Promise<void> {
    const user = socket.data.user;
    const scope = await this.access.channelScope(user);
    for (const room of socket.rooms) {
      if (room !== socket.id) await socket.leave(room);
    }
    const rooms = [
      userRoom(user.id),
      sessionRoom(user.sessionId),
      ...(scope.all ? [ALL_CHANNELS] : scope.channelIds.map(channelRoom)),
    ];
    await socket.join(rooms);
  }

  /** Association changes take effect on open sockets at once, in both directions. */
  private async rejoin(userIds: string[]): Promise<void> {
    if (userIds.length === 0) return;
    const sockets = await this.server.in(userIds.map(userRoom)).fetchSockets();
    for (const remote of sockets) {
      const local = this.server.sockets.sockets.get(remote.id);
      if (local) await this.joinRooms(local);
    }
  }
}
