import { Injectable } from '@nestjs/common';
import type { ContactPageView, UpdatePersonRequest } from '#contracts';
import type { EntityManager } from 'typeorm';
import { DomainError, ErrorCode, notFound } from '../common/domain-error.js';
import { AccessScopeService, type ChannelScope } from '../identity/access-scope.service.js';
import type { AuthUser } from '../identity/auth-user.js';
import {
  toContactConversationView,
  toContactNoteView,
  toHeldMessageView,
  toPersonActivityView,
  toPersonContactView,
} from './contact-page-views.js';
import { ContactTicketsRegistry } from './contact-tickets.js';
import { PeopleRepository, type ContactRow } from './people.repository.js';

const CONVERSATIONS_SHOWN = 100;
const NOTES_SHOWN = 20;
const ACTIVITY_SHOWN = 50;
const HELD_SHOWN = 20;

const visibleIn = (scope: ChannelScope) => (channelId: string) =>
  scope.all || scope.channelIds.includes(channelId);

/**
 * The contact page (CV5) and what agents do with people (BX3): describe them, merge two contacts into one
 * person, split one off again. A user sees and touches only contacts of channels they may see; of a merged
 * person they see only those parts.
 */
@Injectable()
export class PeopleService {
  constructor(
    private readonly people: PeopleRepository,
    private readonly access: AccessScopeService,
    private readonly tickets: ContactTicketsRegistry,
  ) {}

  async page(user: AuthUser, contactId: string): Promise<ContactPageView> {
    const canSee = visibleIn(await this.access.channelScope(user));
    const contact = await this.visibleContact(this.people.manager, contactId, canSee);
    const person = contact.person_id
      ? await this.people.findPerson(this.people.manager, contact.person_id)
      : null;
    const others = person
      ? (await this.people.contactsOfPerson(this.people.manager, person.id)).filter(
          (member) => member.id !== contact.id && canSee(member.channel_id),
        )
      : [];
    const members = [contact, ...others];
    const contactIds = members.map((member) => member.id);
    const [conversations, activity, held] = await Promise.all([
      this.people.conversationsOfContacts(contactIds, CONVERSATIONS_SHOWN),
      person ? this.people.activitiesOf(person.id, ACTIVITY_SHOWN) : [],
      this.people.heldMessagesOf(contactIds, HELD_SHOWN),
    ]);
    const notes = await this.people.notesOfConversations(
      conversations.map((conversation) => conversation.id),
      NOTES_SHOWN,
    );
    const tickets = this.tickets.get();
    return {
      contact: toPersonContactView(contact),
      personId: person?.id ?? null,
      displayName: person?.display_name ?? contact.display_name,
      customName: person?.display_name ?? null,
      notes: person?.notes ?? '',
      contacts: members.map(toPersonContactView),
      conversations: conversations.map(toContactConversationView),
      conversationNotes: notes.map(toContactNoteView),
      tickets: tickets ? await tickets.ticketsOfContacts(contactIds, user) : null,
      heldMessages: held.map(toHeldMessageView),
      activity: activity.map((row) => toPersonActivityView(row, canSee)),
    };
  }

  /**
   * Blocks the contact (CV4): anyone who may see it may block it (agents are the ones spammed; who and when
   * are recorded and shown). Their later messages are stored on the contact and raise no chat; a chat open
   * now stays as it is, for an agent to finish and close.
   */
  async block(user: AuthUser, contactId: string): Promise<ContactPageView> {
    const canSee = visibleIn(await this.access.channelScope(user));
    const contact = await this.visibleContact(this.people.manager, contactId, canSee);
    if (!(await this.people.setBlocked(contact.id, { actorId: user.id }))) {
      throw new DomainError(ErrorCode.Conflict, 'This contact is already blocked');
    }
    return this.page(user, contactId);
  }

  /** Unblocks the contact: their next message opens a chat again (what came while blocked stays held). */
  async unblock(user: AuthUser, contactId: string): Promise<ContactPageView> {
    const canSee = visibleIn(await this.access.channelScope(user));
    const contact = await this.visibleContact(this.people.manager, contactId, canSee);
    if (!(await this.people.setBlocked(contact.id, null))) {
      throw new DomainError(ErrorCode.Conflict, 'This contact is not blocked');
    }
    return this.page(user, contactId);
  }

  /** Agents' name and notes for the person; a contact on its own becomes a person of its own for them. */
  async updatePerson(
    user: AuthUser,
    contactId: string,
    patch: UpdatePersonRequest,
  ): Promise<ContactPageView> {
    const canSee = visibleIn(await this.access.channelScope(user));
    const displayName = patch.displayName === undefined ? undefined : patch.displayName?.trim() || null;
    const notes = patch.notes;
    await this.people.changeMembership(async (tx) => {
      const contact = await this.visibleContact(tx, contactId, canSee);
      const person = contact.person_id ? await this.people.findPerson(tx, contact.person_id) : null;
      const fields: string[] = [];
      if (displayName !== undefined && displayName !== (person?.display_name ?? null))
        fields.push('displayName');
      if (notes !== undefined && notes !== (person?.notes ?? '')) fields.push('notes');
      if (fields.length === 0) return;
      let personId = person?.id;
      if (!personId) {
        personId = await this.people.insertPerson(tx);
        await this.people.assignContacts(tx, [contact.id], personId, contact.person_link);
      }
      await this.people.updatePerson(tx, personId, {
        ...(fields.includes('displayName') ? { displayName } : {}),
        ...(fields.includes('notes') ? { notes } : {}),
      });
      await this.people.insertActivity(tx, {
        personId,
        actorId: user.id,
        kind: 'edited',
        contactId: contact.id,
        detail: { fields },
      });
    });
    return this.page(user, contactId);
  }

  /**
   * `otherId` and everyone linked to it become the same person as `contactId`: its contacts, conversations,
   * notes and name. Undone by splitting a contact off.
   */
  async merge(user: AuthUser, contactId: string, otherId: string): Promise<ContactPageView> {
    if (contactId === otherId) {
      throw new DomainError(ErrorCode.ValidationFailed, 'A contact cannot be merged with itself');
    }
    const canSee = visibleIn(await this.access.channelScope(user));
    await this.people.changeMembership(async (tx) => {
      const contact = await this.visibleContact(tx, contactId, canSee);
      const other = await this.visibleContact(tx, otherId, canSee);
      if (contact.person_id && contact.person_id === other.person_id) {
        throw new DomainError(ErrorCode.Conflict, 'These two contacts are already the same person');
      }
      let target = contact.person_id;
      let moved: ContactRow[];
      if (!target) {
        if (other.person_id) {
          target = other.person_id;
          moved = [contact];
        } else {
          target = await this.people.insertPerson(tx);
          await this.people.assignContacts(tx, [contact.id], target, contact.person_link);
          moved = [other];
        }
      } else if (other.person_id) {
        moved = await this.people.contactsOfPerson(tx, other.person_id);
        await this.people.mergePersonInto(tx, other.person_id, target);
      } else {
        moved = [other];
      }
      await this.people.assignContacts(
        tx,
        moved.map((member) => member.id),
        target,
        'agent',
      );
      for (const member of moved) {
        await this.people.insertActivity(tx, {
          personId: target,
          actorId: user.id,
          kind: 'merged',
          contactId: member.id,
        });
      }
    });
    return this.page(user, contactId);
  }

  /** The contact leaves its person and stays apart (the UnionID will not link it again). */
  async split(user: AuthUser, contactId: string): Promise<ContactPageView> {
    const canSee = visibleIn(await this.access.channelScope(user));
    await this.people.changeMembership(async (tx) => {
      const contact = await this.visibleContact(tx, contactId, canSee);
      const members = contact.person_id ? await this.people.contactsOfPerson(tx, contact.person_id) : [];
      if (!contact.person_id || members.length < 2) {
        throw new DomainError(ErrorCode.Conflict, 'This contact is not linked to any other contact');
      }
      await this.people.separateContact(tx, contact.id);
      await this.people.insertActivity(tx, {
        personId: contact.person_id,
        actorId: user.id,
        kind: 'split',
        contactId: contact.id,
      });
    });
    return this.page(user, contactId);
  }

  /** Not found and not allowed look the same: a contact's existence is not shown to those who may not see it. */
  private async visibleContact(
    manager: EntityManager,
    contactId: string,
    canSee: (channelId: string) => boolean,
  ): Promise<ContactRow> {
    const contact = await this.people.findContact(manager, contactId);
    if (!contact || !canSee(contact.channel_id)) throw notFound('Contact');
    return contact;
  }
}
