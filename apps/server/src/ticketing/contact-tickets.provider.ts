import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ticketLabel, type ContactTicketView } from '#contracts';
import type { AuthUser } from '../identity/auth-user.js';
import { ContactTicketsRegistry, type ContactTicketsSource } from '../people/contact-tickets.js';
import { TicketQueriesService } from './ticket-queries.service.js';
import { TicketsRepository } from './tickets.repository.js';

/** A person's contact page lists their tickets (CV5): those of each of their contacts the user may see. */
const TICKETS_PER_CONTACT = 50;

@Injectable()
export class ContactTicketsProvider implements ContactTicketsSource, OnModuleInit {
  constructor(
    private readonly registry: ContactTicketsRegistry,
    private readonly queries: TicketQueriesService,
    private readonly tickets: TicketsRepository,
  ) {}

  onModuleInit(): void {
    this.registry.provide(this);
  }

  async ticketsOfContacts(contactIds: string[], user: AuthUser): Promise<ContactTicketView[]> {
    const pages = await Promise.all(
      contactIds.map((requesterId) => this.queries.list(user, { requesterId, limit: TICKETS_PER_CONTACT })),
    );
    const tickets = pages.flatMap((page) => page.items);
    const views = await Promise.all(
      tickets.map(async (ticket): Promise<ContactTicketView> => {
        const links = await this.tickets.listLinks(ticket.id);
        return {
          id: ticket.id,
          reference: ticketLabel(ticket.number),
          subject: ticket.subject,
          status: ticket.status,
          conversationId: links.at(-1)?.conversation_id ?? null,
          createdAt: ticket.createdAt,
          updatedAt: ticket.lastActivityAt,
        };
      }),
    );
    return views.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }
}
