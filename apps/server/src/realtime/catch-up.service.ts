import { Injectable } from '@nestjs/common';
import { CATCH_UP_LIMIT, type CatchUpResult } from '#contracts';
import { decideCatchUp } from './catch-up.js';
import { EventLogRepository } from './event-log.repository.js';

@Injectable()
export class CatchUpService {
  constructor(private readonly log: EventLogRepository) {}

  /** `rooms`: the socket's rooms, just worked out again from the user's current scope. */
  async catchUp(since: number | null, rooms: string[]): Promise<CatchUpResult> {
    if (since === null) return { status: 'resync', reason: 'no-position', head: await this.log.head() };
    return decideCatchUp(since, await this.log.window(since, rooms, CATCH_UP_LIMIT + 1), CATCH_UP_LIMIT);
  }
}
