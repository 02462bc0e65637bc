import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '../common/domain-events.js';
import { PeopleRepository } from './people.repository.js';

/**
 * Links contacts that the platform says are one human (the same UnionID on several channels, BX3). It runs
 * after a profile refresh, never on the callback path, and never undoes an agent: a contact an agent split
 * off stays apart, and one an agent merged stays where they put it.
 */
@Injectable()
export class PersonLinkingService implements OnModuleInit {
  private readonly logger = new Logger(PersonLinkingService.name);

  constructor(
    private readonly people: PeopleRepository,
    private readonly events: DomainEvents,
  ) {}

  onModuleInit(): void {
    this.events.on('contact.union-id', ({ contactId, unionId }) =>
      this.linkByUnionId(contactId, unionId).catch((error: unknown) =>
        this.logger.error(`Linking contact ${contactId} by UnionID failed: ${String(error)}`),
      ),
    );
  }

  /** Idempotent: linking an already linked contact changes nothing. Returns the person's id, if any. */
  async linkByUnionId(contactId: string, unionId: string): Promise<string | null> {
    return this.people.changeMembership(async (tx) => {
      const group = await this.people.contactsWithUnionId(tx, unionId);
      if (group.length < 2 || !group.some((contact) => contact.id === contactId)) return null;
      const linkable = group.filter(
        (contact) => contact.person_link === null || contact.person_link === 'unionid',
      );
      const existing =
        group.find((contact) => contact.person_id !== null && contact.person_link !== 'separate')
          ?.person_id ?? null;
      const joining = existing ? linkable.filter((contact) => contact.person_id !== existing) : linkable;
      // Nothing to link: everyone is in place, or only one contact is free to be linked (the others were split off).
      if (joining.length === 0 || (existing === null && joining.length < 2)) return existing;
      const target = existing ?? (await this.people.insertPerson(tx));
      // A contact that was the first of its own person (notes, a name) brings them along.
      for (const contact of joining) {
        if (contact.person_id) await this.people.mergePersonInto(tx, contact.person_id, target);
      }
      await this.people.assignContacts(
        tx,
        joining.map((contact) => contact.id),
        target,
        'unionid',
      );
      for (const contact of joining) {
        await this.people.insertActivity(tx, {
          personId: target,
          actorId: null,
          kind: 'linked',
          contactId: contact.id,
        });
      }
      return target;
    });
  }
}
