import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { Clock } from '../common/clock.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { SystemMessagesService } from '../conversations/system-messages.service.js';
import { ChatTimerActions } from './chat-timer-actions.service.js';
import { ChatTimersRepository, type TimerKind } from './chat-timers.repository.js';

/** Warnings before closes: a chat due for both in one sweep is warned about, then closed in a later one. */
const KINDS: TimerKind[] = ['missed', 'missed-close', 'idle-warning', 'idle-close'];
const PEEK = 100;

export type SweepReport = Record<TimerKind, number>;

/**
 * Fires the chat timers (PF4). Every `TIMER_SWEEP_SECONDS` (≤ 15 s, so a timer fires within the minute it
 * is due) it looks for due conversations and fires each in its own short transaction: claim the row with
 * `FOR UPDATE SKIP LOCKED` while it is still due, act, commit. So with several server processes each timer
 * fires exactly once (a row another process holds is skipped; once it commits, the row is no longer due),
 * and a process killed mid-sweep leaves nothing half-done: its open transaction rolls back, the row is
 * still due, the next sweep (here or elsewhere) fires it. Nothing is kept in memory between sweeps.
 */
@Injectable()
export class ChatTimersSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ChatTimersSweeper.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<SweepReport> | null = null;
  private stopped = false;

  constructor(
    private readonly timers: ChatTimersRepository,
    private readonly actions: ChatTimerActions,
    private readonly systemMessages: SystemMessagesService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), this.config.timerSweepSeconds * 1000);
    this.timer.unref();
    void this.sweep();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One sweep (or the one already running): what it fired, by timer. */
  sweep(): Promise<SweepReport> {
    this.running ??= this.sweepAll()
      .catch((error: unknown) => {
        this.logger.error(`Timer sweep failed: ${String(error)}`);
        return emptyReport();
      })
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  private async sweepAll(): Promise<SweepReport> {
    const report = emptyReport();
    const allowedByChannel = new Map<string, number>();
    for (const kind of KINDS) {
      const now = this.clock.now();
      let candidates = await this.timers.peekDue(kind, now, PEEK);
      while (candidates.length > 0 && !this.stopped) {
        let firedThisRound = 0;
        for (const candidate of candidates) {
          if (this.stopped) break;
          // The adapter's reply rules are read outside the transaction (it may query; see SystemMessagesService).
          let allowed = allowedByChannel.get(candidate.channel_id);
          if (allowed === undefined && kind === 'idle-close') {
            allowed = await this.systemMessages.messagesAllowed(candidate.channel_id);
            allowedByChannel.set(candidate.channel_id, allowed);
          }
          const fired = await this.fireOne(kind, candidate.id, now, allowed ?? 0);
          if (fired) firedThisRound++;
        }
        report[kind] += firedThisRound;
        // Nothing fired: what is left is held by other processes (or failed); the next sweep looks again.
        if (firedThisRound === 0 || candidates.length < PEEK) break;
        candidates = await this.timers.peekDue(kind, now, PEEK);
      }
    }
    return report;
  }

  private async fireOne(
    kind: TimerKind,
    conversationId: string,
    now: Date,
    messagesAllowed: number,
  ): Promise<boolean> {
    try {
      const fired = await this.timers.transaction(async (tx) => {
        const due = await this.timers.claim(tx, kind, conversationId, now);
        if (!due) return null;
        return this.actions.fire(tx, kind, due, { messagesAllowed });
      });
      if (!fired) return false;
      await this.actions.announce(fired);
      return true;
    } catch (error) {
      // Rolled back: still due, fired by a later sweep.
      this.logger.error(`The ${kind} timer of conversation ${conversationId} failed: ${String(error)}`);
      return false;
    }
  }
}

function emptyReport(): SweepReport {
  return { missed: 0, 'missed-close': 0, 'idle-warning': 0, 'idle-close': 0 };
}
