import { createContext, useContext, type ReactNode } from 'react';
import type { TicketsApi } from './tickets-api';

const TicketsApiContext = createContext<TicketsApi | null>(null);

/** Lets the conversation view show its ticket without the chat passing an API down to it. */
export function TicketsApiProvider({ api, children }: { api: TicketsApi; children: ReactNode }) {
  return <TicketsApiContext.Provider value={api}>{children}</TicketsApiContext.Provider>;
}

export function useTicketsApi(): TicketsApi | null {
  return useContext(TicketsApiContext);
}
