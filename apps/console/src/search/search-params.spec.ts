import { describe, expect, it } from '@jest/globals';
import { EMPTY_SEARCH, formFromParams, queryOf, searchHref } from './search-params';

describe('the search form and its address', () => {
  it('round-trips through the address', () => {
    const form = { ...EMPTY_SEARCH, q: '退货 订单', status: 'closed' as const, fromDate: '2026-03-01' };
    const href = searchHref(form);
    expect(href).toBe('#/search?q=%E9%80%80%E8%B4%A7+%E8%AE%A2%E5%8D%95&status=closed&from=2026-03-01');
    expect(formFromParams(new URLSearchParams(href.split('?')[1]))).toEqual(form);
  });

  it('ignores what it does not understand in an address', () => {
    expect(formFromParams(new URLSearchParams('status=lost&from=yesterday&q=x'))).toEqual({
      ...EMPTY_SEARCH,
      q: 'x',
    });
  });

  it('turns days into the instants they start and end at, the last day included', () => {
    const query = queryOf({ ...EMPTY_SEARCH, q: ' 退货 ', fromDate: '2026-03-01', toDate: '2026-03-02' });
    expect(query).toEqual({
      q: '退货',
      from: new Date(2026, 2, 1).toISOString(),
      to: new Date(2026, 2, 3).toISOString(),
    });
  });
});
