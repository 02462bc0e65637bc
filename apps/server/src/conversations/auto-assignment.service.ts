import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DomainError } from '../common/domain-error.js';
import { DomainEvents } from '../common/domain-events.js';
import { AutoAssignmentRepository, type WaitingChat } from './auto-assignment.repository.js';
import {
  ConversationTransitionsService,
  type AppliedTransition,
} from './conversation-transitions.service.js';
import { ConversationsRepository } from './conversations.repository.js';
import { pickRoundRobin } from './round-robin.js';

/** A safety net for triggers lost with a process (a crash between commit and event): the queue is looked at this often. */
const SWEEP_INTERVAL_MS = 30_000;
/** The most chats one run assigns before letting others have the department's lock. */
const MAX_PER_RUN = 200;

/**
 * Auto-assignment, per department that turns it on (CV3): the oldest waiting chat first, to the contact's
 * previous agent when they are online with room, otherwise round robin among the online agents of the
 * department associated with the chat's channel and below their capacity. It runs after commit when a chat
 * starts waiting, an agent comes online, or an agent's load drops; and every 30 s. Safe with several server
 * processes: one assigner per department (advisory lock), chats claimed with SKIP LOCKED, each agent's load
 * counted under their row lock, the round-robin position in the database.
 */
@Injectable()
export class AutoAssignmentService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AutoAssignmentService.name);
  /** Per department in this process: a run in flight, and whether another was asked for meanwhile. */
  private readonly running = new Map<string, { again: boolean; done: Promise<void> }>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly repository: AutoAssignmentRepository,
    private readonly conversations: ConversationsRepository,
    private readonly transitions: ConversationTransitionsService,
    private readonly events: DomainEvents,
  ) {}

  onApplicationBootstrap(): void {
    this.events.on('conversation.opened', (e) => {
      if (e.departmentId) void this.request(e.departmentId);
    });
    this.events.on('department.auto-assign-enabled', (e) => void this.request(e.departmentId));
    this.events.on('conversation.transitioned', ({ from, to }) => {
      if (to.status === 'waiting' && to.departmentId) void this.request(to.departmentId);
      // A chat closed or handed on: its agent has room again.
      if (
        from.status === 'active' &&
        from.assigneeId &&
        (to.assigneeId !== from.assigneeId || to.status !== 'active')
      ) {
        void this.requestForAgent(from.assigneeId);
      }
    });
    this.events.on('presence.changed', (e) => {
      if (e.presence === 'online') void this.requestForAgent(e.userId);
    });
    this.timer = setInterval(() => void this.sweep(), SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Resolves when the department's queue has been looked at (including any run asked for meanwhile). */
  request(departmentId: string): Promise<void> {
    const current = this.running.get(departmentId);
    if (current) {
      current.again = true;
      return current.done;
    }
    const entry = { again: false, done: Promise.resolve() };
    entry.done = (async () => {
      try {
        do {
          entry.again = false;
          await this.assignWaiting(departmentId);
        } while (entry.again);
      } catch (error) {
        this.logger.error(`Auto-assignment in ${departmentId} failed: ${String(error)}`);
      } finally {
        this.running.delete(departmentId);
      }
    })();
    this.running.set(departmentId, entry);
    return entry.done;
  }

  async sweep(): Promise<void> {
    try {
      await Promise.all((await this.repository.departmentsWithQueue()).map((id) => this.request(id)));
    } catch (error) {
      this.logger.error(`Auto-assignment sweep failed: ${String(error)}`);
    }
  }

  /** Assigns what it can in one department; returns what it assigned (announced already). */
  async assignWaiting(departmentId: string): Promise<AppliedTransition[]> {
    const assigned: AppliedTransition[] = [];
    const skip: string[] = [];
    for (let n = 0; n < MAX_PER_RUN; n++) {
      const outcome = await this.conversations.transaction(async (tx) => {
        if (!(await this.repository.lockDepartment(tx, departmentId))) return 'off' as const;
        const chat = await this.repository.nextWaiting(tx, departmentId, skip);
        if (!chat) return 'empty' as const;
        const choice = await this.choose(tx, chat, departmentId);
        if (!choice) return { skipped: chat.id };
        try {
          return await this.transitions.apply(
            tx,
            chat.id,
            { kind: 'auto-assign', assigneeId: choice.userId },
            { kind: 'system', reason: choice.reason },
          );
        } catch (error) {
          // The chat changed between the claim and now in a way the rules refuse: leave it to people.
          if (error instanceof DomainError) return { skipped: chat.id };
          throw error;
        }
      });
      if (outcome === 'off' || outcome === 'empty') break;
      if ('skipped' in outcome) {
        skip.push(outcome.skipped);
        continue;
      }
      assigned.push(outcome);
      await this.transitions.announce(outcome);
    }
    return assigned;
  }

  private async choose(
    tx: Parameters<AutoAssignmentRepository['cursor']>[0],
    chat: WaitingChat,
    departmentId: string,
  ): Promise<{ userId: string; reason: string } | null> {
    const candidates = await this.repository.candidates(tx, chat.channelId, departmentId);
    if (candidates.length === 0) return null;
    const previous = await this.repository.previousAgent(tx, chat);
    if (previous && candidates.includes(previous) && (await this.repository.lockIfFree(tx, previous))) {
      return { userId: previous, reason: 'Auto-assigned to the agent who helped this customer before' };
    }
    let after = await this.repository.cursor(tx, departmentId);
    for (let tries = 0; tries < candidates.length; tries++) {
      const next = pickRoundRobin(candidates, after);
      if (await this.repository.lockIfFree(tx, next)) {
        await this.repository.moveCursor(tx, departmentId, next);
        return { userId: next, reason: 'Auto-assigned (round robin)' };
      }
      after = next;
    }
    return null;
  }

  private async requestForAgent(userId: string): Promise<void> {
    try {
      await Promise.all((await this.repository.departmentsOf(userId)).map((id) => this.request(id)));
    } catch (error) {
      this.logger.error(`Auto-assignment for ${userId} failed: ${String(error)}`);
    }
  }
}
