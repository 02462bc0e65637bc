import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { Presence } from '#contracts';
import { DomainEvents } from '../common/domain-events.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import type { AuthUser } from './auth-user.js';
import { IdentityRepository } from './identity.repository.js';

/** Activity is written at most this often per user and process: the console reports it on every input. */
const ACTIVITY_WRITE_INTERVAL_MS = 30_000;
const SWEEP_INTERVAL_MS = 30_000;

/**
 * Agents say whether they take chats (online), keep theirs but take none (away), or are gone (offline). An
 * online agent idle for `agentIdleAwayMinutes` is set away by the server, and comes back online by itself
 * on their next activity; an agent who chose away stays away until they say otherwise.
 */
@Injectable()
export class PresenceService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(PresenceService.name);
  private readonly lastWritten = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly identity: IdentityRepository,
    private readonly events: DomainEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweepIdle(), SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async setPresence(user: AuthUser, presence: Presence): Promise<void> {
    await this.identity.setPresence(user.id, presence, presence === 'online' ? null : 'chosen');
    // The next activity is recorded afresh against the new presence.
    this.lastWritten.delete(user.id);
    this.events.emit('presence.changed', {
      userId: user.id,
      presence,
      reason: presence === 'online' ? null : 'chosen',
    });
  }

  async noteActivity(user: AuthUser): Promise<void> {
    const now = Date.now();
    if (now - (this.lastWritten.get(user.id) ?? 0) < ACTIVITY_WRITE_INTERVAL_MS) return;
    this.lastWritten.set(user.id, now);
    if (await this.identity.noteActivity(user.id)) {
      this.events.emit('presence.changed', { userId: user.id, presence: 'online', reason: null });
    }
  }

  /** Any process may run it: each idle agent is switched by exactly one UPDATE, and announced once. */
  async sweepIdle(): Promise<string[]> {
    try {
      const idle = await this.identity.markIdleAgentsAway(this.config.agentIdleAwayMinutes * 60);
      for (const userId of idle) {
        this.lastWritten.delete(userId);
        this.events.emit('presence.changed', { userId, presence: 'away', reason: 'idle' });
      }
      return idle;
    } catch (error) {
      this.logger.error(`Idle sweep failed: ${String(error)}`);
      return [];
    }
  }
}
