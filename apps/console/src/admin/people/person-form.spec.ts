import { describe, expect, it } from '@jest/globals';
import type { UserView } from '#contracts';
import {
  EMPTY_PERSON,
  inviteRequestOf,
  personFormErrors,
  personFormValuesOf,
  profileChangesOf,
  toggled,
} from './person-form';

const user: UserView = {
  id: 'u1',
  email: 'wang@example.com',
  name: 'Wang Fang',
  role: 'agent',
  active: true,
  departmentIds: ['d1', 'd2'],
  maxConcurrentChats: 5,
  presence: 'offline',
  presenceReason: null,
  invitationPending: false,
};

describe('the person form’s checks', () => {
  it('accepts a complete invitation and sends trimmed values', () => {
    const values = { ...EMPTY_PERSON, name: ' 王芳 ', email: ' wang@example.com ', maxConcurrentChats: '3' };
    expect(personFormErrors(values)).toEqual({});
    expect(inviteRequestOf(values)).toEqual({
      name: '王芳',
      email: 'wang@example.com',
      role: 'agent',
      departmentIds: [],
      maxConcurrentChats: 3,
    });
  });

  it('says what is wrong with each field, with the server’s limits', () => {
    expect(
      personFormErrors({ ...EMPTY_PERSON, name: '  ', email: 'wang@', maxConcurrentChats: '0' }),
    ).toEqual({
      name: 'Enter the person’s name',
      email: 'This is not an email address (name@example.com)',
      maxConcurrentChats: 'A whole number from 1 to 100',
    });
    expect(personFormErrors({ ...EMPTY_PERSON, name: 'x'.repeat(81), email: '' })).toMatchObject({
      name: 'At most 80 characters',
      email: 'Enter their email address: they sign in with it',
    });
    for (const capacity of ['101', '2.5', '-1', 'five', '']) {
      expect(
        personFormErrors({ ...EMPTY_PERSON, name: 'A', email: 'a@b.cn', maxConcurrentChats: capacity }),
      ).toEqual({ maxConcurrentChats: 'A whole number from 1 to 100' });
    }
    expect(
      personFormErrors({ ...EMPTY_PERSON, name: 'A', email: 'a@b.cn', maxConcurrentChats: '100' }),
    ).toEqual({});
  });
});

describe('editing a person', () => {
  it('sends nothing when nothing changed, whatever the order of departments', () => {
    expect(profileChangesOf(user, personFormValuesOf(user))).toEqual({});
    expect(profileChangesOf(user, { ...personFormValuesOf(user), departmentIds: ['d2', 'd1'] })).toEqual({});
  });

  it('sends only what changed', () => {
    const values = {
      ...personFormValuesOf(user),
      role: 'supervisor' as const,
      departmentIds: toggled(['d1', 'd2'], 'd1', false),
      maxConcurrentChats: ' 8 ',
    };
    expect(profileChangesOf(user, values)).toEqual({
      role: 'supervisor',
      departmentIds: ['d2'],
      maxConcurrentChats: 8,
    });
    expect(toggled(['d2'], 'd3', true)).toEqual(['d2', 'd3']);
    expect(toggled(['d2', 'd3'], 'd3', true)).toEqual(['d2', 'd3']);
  });
});
