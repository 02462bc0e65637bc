import type { ClientToServerEvents, ServerToClientEvents } from '#contracts';
import { io, type Socket } from 'socket.io-client';

export type DeskSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The live connection to the server on the same origin; the handshake carries the session token. */
export function connectDeskSocket(token: string): DeskSocket {
  return io({ auth: { token } });
}
