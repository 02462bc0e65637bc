import type { PersonContactView } from '#contracts';

/** How a contact came to be part of the person, for the channel list. */
export function linkLabel(contact: PersonContactView): string | null {
  switch (contact.linkedBy) {
    case 'unionid':
      return 'Linked by UnionID';
    case 'agent':
      return 'Merged by an agent';
    case null:
      return null;
  }
}

export const channelCount = (count: number) => `${count} channel${count === 1 ? '' : 's'}`;
