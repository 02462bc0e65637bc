import type { SearchQuery } from '#contracts';

/** What the search form holds; the address (`#/search?…`) keeps it, so a search can be bookmarked and shared. */
export interface SearchForm {
  q: string;
  channelId: string;
  departmentId: string;
  assigneeId: string;
  status: '' | NonNullable<SearchQuery['status']>;
  /** Days in the agent's time zone, `YYYY-MM-DD`, both included. */
  fromDate: string;
  toDate: string;
}

export const EMPTY_SEARCH: SearchForm = {
  q: '',
  channelId: '',
  departmentId: '',
  assigneeId: '',
  status: '',
  fromDate: '',
  toDate: '',
};

const STATUSES = ['open', 'waiting', 'active', 'missed', 'closed'] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

const PARAM: Record<keyof SearchForm, string> = {
  q: 'q',
  channelId: 'channel',
  departmentId: 'department',
  assigneeId: 'assignee',
  status: 'status',
  fromDate: 'from',
  toDate: 'to',
};

export function formFromParams(params: URLSearchParams): SearchForm {
  const status = params.get(PARAM.status) ?? '';
  const day = (name: string) => (DAY.test(params.get(name) ?? '') ? params.get(name)! : '');
  return {
    q: params.get(PARAM.q) ?? '',
    channelId: params.get(PARAM.channelId) ?? '',
    departmentId: params.get(PARAM.departmentId) ?? '',
    assigneeId: params.get(PARAM.assigneeId) ?? '',
    status: (STATUSES as readonly string[]).includes(status) ? (status as SearchForm['status']) : '',
    fromDate: day(PARAM.fromDate),
    toDate: day(PARAM.toDate),
  };
}

export function searchHref(form: SearchForm): string {
  const params = new URLSearchParams();
  for (const key of Object.keys(PARAM) as Array<keyof SearchForm>) {
    const value = key === 'q' ? form.q.trim() : form[key];
    if (value) params.set(PARAM[key], value);
  }
  const query = params.toString();
  return `#/search${query ? `?${query}` : ''}`;
}

/** Local midnight of a `YYYY-MM-DD` day, `days` later. */
function startOfDay(day: string, days = 0): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year, month - 1, date + days).toISOString();
}

/** The API's query: days become the instants they start and end at in the agent's time zone. */
export function queryOf(form: SearchForm, cursor?: string): SearchQuery {
  return {
    q: form.q.trim(),
    ...(form.channelId ? { channelId: form.channelId } : {}),
    ...(form.departmentId ? { departmentId: form.departmentId } : {}),
    ...(form.assigneeId ? { assigneeId: form.assigneeId } : {}),
    ...(form.status ? { status: form.status } : {}),
    ...(form.fromDate ? { from: startOfDay(form.fromDate) } : {}),
    ...(form.toDate ? { to: startOfDay(form.toDate, 1) } : {}),
    ...(cursor ? { cursor } : {}),
  };
}
