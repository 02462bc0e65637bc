import type { UserView } from '#contracts';
import { createContext, useContext, type ReactNode } from 'react';
import type { ContactsApi } from '../api/contacts-api';

interface ContactsContextValue {
  api: ContactsApi;
  user: UserView;
}

const ContactsContext = createContext<ContactsContextValue | null>(null);

/**
 * What the contact panel and the composer's canned replies need, wherever they are rendered, without
 * passing it through every screen in between.
 */
export function ContactsProvider({ api, user, children }: ContactsContextValue & { children: ReactNode }) {
  return <ContactsContext.Provider value={{ api, user }}>{children}</ContactsContext.Provider>;
}

/** Null outside a provider: a component that only adds to a screen (the canned replies button) then stays out. */
export function useOptionalContacts(): ContactsContextValue | null {
  return useContext(ContactsContext);
}

export function useContacts(): ContactsContextValue {
  const value = useContext(ContactsContext);
  if (!value) throw new Error('useContacts() outside <ContactsProvider>');
  return value;
}
