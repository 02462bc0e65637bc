import { describe, expect, it } from '@jest/globals';
import { DEFAULT_FILTERS, parseTicketRoute, ticketHref, ticketListHref, toListQuery } from './ticket-route';

describe('ticket addresses', () => {
  it('leaves other screens’ addresses alone', () => {
    expect(parseTicketRoute('#/open')).toBeNull();
    expect(parseTicketRoute('#/admin/channels')).toBeNull();
    expect(parseTicketRoute('')).toBeNull();
  });

  it('reads the list with its default filters, and a ticket by id', () => {
    expect(parseTicketRoute('#/tickets')).toEqual({ screen: 'list', filters: DEFAULT_FILTERS });
    expect(parseTicketRoute(ticketHref('a b'))).toEqual({ screen: 'ticket', ticketId: 'a b' });
  });

  it('round-trips filters through the address, keeping only what is not the default', () => {
    const filters = {
      status: 'closed',
      priority: 'urgent',
      departmentId: 'd1',
      assignee: 'me',
      q: '咖啡 #1042',
    } as const;
    const href = ticketListHref(filters);
    expect(href).toBe(
      '#/tickets?status=closed&priority=urgent&department=d1&assignee=me&q=%E5%92%96%E5%95%A1+%231042',
    );
    expect(parseTicketRoute(href)).toEqual({ screen: 'list', filters });
    expect(ticketListHref(DEFAULT_FILTERS)).toBe('#/tickets');
  });

  it('falls back to the defaults for values it does not know', () => {
    expect(parseTicketRoute('#/tickets?status=solved&priority=asap&assignee=bob')).toEqual({
      screen: 'list',
      filters: DEFAULT_FILTERS,
    });
  });

  it('asks the API only for the filters that narrow the list', () => {
    expect(toListQuery(DEFAULT_FILTERS)).toEqual({
      status: 'unresolved',
      priority: undefined,
      departmentId: undefined,
      assignee: undefined,
      q: undefined,
    });
    expect(toListQuery({ ...DEFAULT_FILTERS, status: 'all', assignee: 'none', q: '  ' })).toMatchObject({
      status: undefined,
      assignee: 'none',
      q: undefined,
    });
  });
});
