import type { ChannelView, DepartmentView, UserView } from '#contracts';

export interface DepartmentUsage {
  /** Active people in the department (invited ones included). */
  members: number;
  /** Channels routed to it: while there are any, the server refuses to delete it. */
  channels: ChannelView[];
}

export function departmentUsage(
  departments: DepartmentView[],
  users: UserView[],
  channels: ChannelView[],
): Map<string, DepartmentUsage> {
  const usage = new Map<string, DepartmentUsage>(
    departments.map((d) => [d.id, { members: 0, channels: [] }]),
  );
  for (const user of users) {
    if (!user.active) continue;
    for (const id of user.departmentIds) {
      const entry = usage.get(id);
      if (entry) entry.members += 1;
    }
  }
  for (const channel of channels) {
    if (channel.departmentId && !channel.deletedAt) usage.get(channel.departmentId)?.channels.push(channel);
  }
  return usage;
}

export function countLabel(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
