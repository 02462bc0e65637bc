import { Injectable } from '@nestjs/common';
import type { ContactTicketView } from '#contracts';
import type { AuthUser } from '../identity/auth-user.js';

/** What the contact page asks the ticketing module for; scoped to what `user` may see. */
export interface ContactTicketsSource {
  ticketsOfContacts(contactIds: string[], user: AuthUser): Promise<ContactTicketView[]>;
}

/**
 * The seam between the contact page and tickets (TK1): the ticketing module, when the installation has it,
 * calls `provide()` when it starts (as channel adapters register themselves), so `people` never imports it.
 * Without one, the page says tickets are not available (null) rather than "no tickets".
 */
@Injectable()
export class ContactTicketsRegistry {
  private source: ContactTicketsSource | null = null;

  provide(source: ContactTicketsSource): void {
    this.source = source;
  }

  get(): ContactTicketsSource | null {
    return this.source;
  }
}
