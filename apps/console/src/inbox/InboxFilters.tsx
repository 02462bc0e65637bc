import type { ChannelView, DepartmentView, InboxSort } from '#contracts';
import { useId } from 'react';
import type { InboxView } from '../routing/hash-route';
import { sortsFor } from './conversation-order';

export interface InboxFilterValues {
  channelId: string | null;
  departmentId: string | null;
}

interface InboxFiltersProps {
  values: InboxFilterValues;
  channels: ChannelView[];
  departments: DepartmentView[];
  onChange(values: InboxFilterValues): void;
}

const SORT_LABELS: Record<InboxSort, string> = {
  waiting: 'Longest waiting',
  latest: 'Latest message',
};

/** Channel and department of the inbox (RT3). */
export function InboxFilters({ values, channels, departments, onChange }: InboxFiltersProps) {
  const id = useId();
  return (
    <div className="inbox-filters" role="group" aria-label="Filter and sort">
      <label className="inbox-filters__field" htmlFor={`${id}-channel`}>
        <span className="visually-hidden">Channel</span>
        <select
          id={`${id}-channel`}
          value={values.channelId ?? ''}
          onChange={(event) => onChange({ ...values, channelId: event.target.value || null })}
        >
          <option value="">All channels</option>
          {channels.map((channel) => (
            <option key={channel.id} value={channel.id}>
              {channel.name}
            </option>
          ))}
        </select>
      </label>
      <label className="inbox-filters__field" htmlFor={`${id}-department`}>
        <span className="visually-hidden">Department</span>
        <select
          id={`${id}-department`}
          value={values.departmentId ?? ''}
          onChange={(event) => onChange({ ...values, departmentId: event.target.value || null })}
        >
          <option value="">All departments</option>
          {departments.map((department) => (
            <option key={department.id} value={department.id}>
              {department.name}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

/** The inbox's order: who has waited longest, or the latest message (closed chats: only the latter). */
export function InboxSortSelect({
  view,
  sort,
  onChange,
}: {
  view: InboxView;
  sort: InboxSort;
  onChange(sort: InboxSort): void;
}) {
  const id = useId();
  return (
    <label className="inbox-sort" htmlFor={id}>
      <span className="visually-hidden">Sort by</span>
      <select
        id={id}
        value={sort}
        disabled={sortsFor(view).length < 2}
        onChange={(event) => onChange(event.target.value as InboxSort)}
      >
        {sortsFor(view).map((option) => (
          <option key={option} value={option}>
            {SORT_LABELS[option]}
          </option>
        ))}
      </select>
    </label>
  );
}
