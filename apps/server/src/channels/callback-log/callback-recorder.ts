import { Injectable, Logger } from '@nestjs/common';
import type { SqlExecutor } from '../../database/sql.js';
import type { IngestResult } from '../../conversations/conversation-ingest.service.js';
import { CallbackLogRepository } from './callback-log.repository.js';

/** A callback that passed its signature check and was read: what the recorder keeps of it. */
export interface VerifiedCallback {
  channelId: string;
  messageType: string;
  eventType: string | null;
  platformMessageId: string;
  encrypted: boolean;
  bodyBytes: number;
  /** The platform's fields and non-secret query parameters; see the adapter's sanitiser. */
  payload: Record<string, unknown>;
  reingestOf?: string | null;
}

export interface RefusedCallback {
  channelId: string;
  reason: string;
  /** The untrusted body: only its first BODY_PREFIX_CHARS characters are kept. */
  body: string;
  bodyBytes: number;
  encrypted: boolean;
}

export const BODY_PREFIX_CHARS = 120;
/** Refusals recorded per channel per minute and process: a flood of junk must not flood the table. */
const REFUSALS_PER_MINUTE = 120;

/**
 * Writes the flight recorder (BX1). Stored and duplicate verdicts are written by the ingest, in its
 * transaction; refusals and our own failures are written on their own, and never fail the callback.
 */
@Injectable()
export class CallbackRecorder {
  private readonly logger = new Logger('CallbackLog');
  private readonly refusalBudget = new Map<string, { minute: number; used: number; skipped: number }>();

  constructor(private readonly log: CallbackLogRepository) {}

  /** The entry for an ingest's outcome; for IngestOptions.record. */
  async ingested(callback: VerifiedCallback, result: IngestResult, tx: SqlExecutor | null): Promise<string> {
    return this.log.insert(
      {
        ...this.verified(callback),
        verdict: result.duplicate ? 'duplicate' : 'new',
        result: 'stored',
        reason: null,
        messageId: result.messageId,
      },
      tx,
    );
  }

  async failed(callback: VerifiedCallback, error: unknown): Promise<string | null> {
    try {
      return await this.log.insert({
        ...this.verified(callback),
        verdict: null,
        result: 'failed',
        reason:
          `Our error, the platform will retry: ${error instanceof Error ? error.message : String(error)}`.slice(
            0,
            500,
          ),
        messageId: null,
      });
    } catch (recordError) {
      this.logger.error(`Could not record a failed callback: ${String(recordError)}`);
      return null;
    }
  }

  async refused(callback: RefusedCallback): Promise<void> {
    if (!this.mayRecordRefusal(callback.channelId)) return;
    try {
      await this.log.insert({
        channelId: callback.channelId,
        messageType: null,
        eventType: null,
        verdict: null,
        result: 'refused',
        reason: callback.reason,
        platformMessageId: null,
        messageId: null,
        encrypted: callback.encrypted,
        bodyBytes: callback.bodyBytes,
        payload: null,
        bodyPrefix: bodyPrefix(callback.body),
        reingestOf: null,
      });
    } catch (error) {
      this.logger.error(`Could not record a refused callback: ${String(error)}`);
    }
  }

  private verified(callback: VerifiedCallback) {
    return {
      channelId: callback.channelId,
      messageType: callback.messageType,
      eventType: callback.eventType,
      platformMessageId: callback.platformMessageId,
      encrypted: callback.encrypted,
      bodyBytes: callback.bodyBytes,
      payload: callback.payload,
      bodyPrefix: null,
      reingestOf: callback.reingestOf ?? null,
    };
  }

  private mayRecordRefusal(channelId: string): boolean {
    const minute = Math.floor(Date.now() / 60_000);
    const budget = this.refusalBudget.get(channelId);
    if (!budget || budget.minute !== minute) {
      if (budget?.skipped) {
        this.logger.warn(`Did not record ${budget.skipped} more refused callbacks for channel ${channelId}`);
      }
      this.refusalBudget.set(channelId, { minute, used: 1, skipped: 0 });
      return true;
    }
    if (budget.used >= REFUSALS_PER_MINUTE) {
      budget.skipped += 1;
      return false;
    }
    budget.used += 1;
    return true;
  }
}

/** The start of an untrusted body, with control characters made visible: enough to recognise, never a payload. */
export function bodyPrefix(body: string): string {
  const prefix = [...body.slice(0, BODY_PREFIX_CHARS)]
    .map((char) => (isControl(char) ? '\uFFFD' : char))
    .join('');
  return body.length > BODY_PREFIX_CHARS ? `${prefix}…` : prefix;
}

function isControl(char: string): boolean {
  const code = char.codePointAt(0)!;
  return (code < 0x20 && char !== '\n' && char !== '\r' && char !== '\t') || code === 0x7f;
}
