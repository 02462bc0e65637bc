import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { BatchTransactions, type BatchTransaction } from '../database/batch-transactions.js';
import type { SqlExecutor } from '../database/sql.js';
import { MediaRepository, type PendingInboundMedia } from '../media/media.repository.js';
import type { ConversationRow, MessageRow } from './conversation-views.js';
import { ConversationsRepository, type InboundRow, type StaleClosed } from './conversations.repository.js';

/** The most messages one transaction takes: enough to share a commit, short enough to hold locks briefly. */
const MAX_BATCH = 100;

/** One inbound message on its way into a batch; built by ConversationIngestService. */
export interface IngestJob {
  channelId: string;
  platformMessageId: string;
  sender: { platformUserId: string; fallbackDisplayName: string };
  opensConversation: boolean;
  /** Whether agents' view of the conversation changes (its order in the inbox, its reply window). */
  changesConversation: boolean;
  files: PendingInboundMedia[];
  /** The message as `insertInbound` writes it, once its contact is known. */
  row(contactId: string): InboundRow;
  /** Writes in the batch's transaction (`tx`), or on its own after a rollback (`null`). See IngestOptions. */
  record?(result: IngestResult, tx: SqlExecutor | null): Promise<void>;
  /**
   * Writes in the batch's transaction when the message opened a conversation (its timers, PF4): part of the
   * same commit, so a conversation never exists without them.
   */
  opened?(tx: SqlExecutor, conversationId: string): Promise<void>;
}

export type IngestResult =
  | {
      duplicate: false;
      messageId: string;
      contactId: string;
      /** Null for an event kept against the contact (no conversation was open). */
      conversationId: string | null;
      conversationOpened: boolean;
      /** CV2: the open conversation this message found 48 hours silent, closed by it. */
      staleClosed?: StaleClosed | null;
      /** The contact is blocked: stored, but no chat, no announcement (CV4). */
      heldByBlock: boolean;
    }
  | {
      duplicate: true;
      /** The message stored by the earlier delivery. */
      messageId: string | null;
      conversationId: string | null;
    };

/** A job's outcome after commit, with the rows agents are told about, read in the same transaction. */
export interface IngestOutcome {
  result: IngestResult;
  conversation: ConversationRow | null;
  message: MessageRow | null;
}

/** The platform id was stored by a transaction that committed after this batch's dedupe check. */
class DuplicateRace extends Error {}

interface Pending {
  job: IngestJob;
  resolve(outcome: IngestOutcome): void;
  reject(error: unknown): void;
}

/**
 * Group commit for inbound messages: callbacks that arrive while a batch is being written wait (a few
 * milliseconds at most) and go into the next one, written in one transaction whose statements are pipelined
 * in stages — contacts and the dedupe check (with BEGIN), the messages (`insertInbound`, one statement each,
 * in arrival order), then media, the callers' records and the rows to announce, then COMMIT: four round trips
 * and one WAL flush for the whole batch. Each callback is answered
 * only after its batch committed.
 *
 * A batch that fails (one message's error aborts the transaction) is rolled back and each of its messages
 * written again in a transaction of its own: one message's failure never fails another, and a message
 * fails only when it fails alone.
 */
@Injectable()
export class InboundGroupCommit implements OnModuleDestroy {
  private readonly logger = new Logger(InboundGroupCommit.name);
  private readonly queue: Pending[] = [];
  private inFlight = 0;
  private scheduled = false;
  private drained: Array<() => void> = [];

  constructor(
    private readonly transactions: BatchTransactions,
    private readonly conversations: ConversationsRepository,
    private readonly media: MediaRepository,
  ) {}

  submit(job: IngestJob): Promise<IngestOutcome> {
    return new Promise<IngestOutcome>((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      // Callbacks read in the same turn of the event loop share a batch; no timer, so no added latency.
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.dispatch();
        });
      }
    });
  }

  /** Lets the batches under way commit before the database closes. */
  async onModuleDestroy(): Promise<void> {
    if (this.inFlight === 0 && this.queue.length === 0) return;
    await new Promise<void>((resolve) => this.drained.push(resolve));
  }

  private dispatch(): void {
    while (this.inFlight < this.transactions.concurrency && this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      this.inFlight += 1;
      void this.run(batch).finally(() => {
        this.inFlight -= 1;
        this.dispatch();
        if (this.inFlight === 0 && this.queue.length === 0) {
          for (const resolve of this.drained.splice(0)) resolve();
        }
      });
    }
  }

  private async run(batch: Pending[]): Promise<void> {
    let tx: BatchTransaction | null = null;
    try {
      tx = await this.transactions.begin();
      const outcomes = await this.write(
        tx,
        batch.map((p) => p.job),
      );
      batch.forEach((pending, i) => pending.resolve(outcomes[i]));
      return;
    } catch (error) {
      await tx?.rollback().catch(() => undefined);
      if (batch.length > 1) {
        if (!(error instanceof DuplicateRace)) {
          this.logger.warn(`A batch of ${batch.length} failed, writing each alone: ${String(error)}`);
        }
        await Promise.all(batch.map((pending) => this.run([pending])));
        return;
      }
      const [pending] = batch;
      if (error instanceof DuplicateRace || isUniqueViolation(error)) {
        this.settleDuplicate(pending).then(pending.resolve, pending.reject);
      } else {
        pending.reject(error);
      }
    }
  }

  /** A batch of one lost a race to another process: the platform id is stored, so this is a duplicate. */
  private async settleDuplicate(pending: Pending): Promise<IngestOutcome> {
    const { job } = pending;
    const earlier = await this.conversations.findByPlatformId(job.channelId, job.platformMessageId);
    const result: IngestResult = {
      duplicate: true,
      messageId: earlier?.id ?? null,
      conversationId: earlier?.conversation_id ?? null,
    };
    await job.record?.(result, null);
    return { result, conversation: null, message: null };
  }

  private async write(tx: BatchTransaction, jobs: IngestJob[]): Promise<IngestOutcome[]> {
    // Stage 1. Contacts in one fixed order, so that two batches never lock two contacts in opposite orders
    // (a deadlock). Each contact's row stays locked until commit: an ingest of the same person elsewhere
    // waits here, and the dedupe check after it sees what that one committed.
    const contactKey = (job: IngestJob) => `${job.channelId}\n${job.sender.platformUserId}`;
    const contacts = new Map<string, Promise<string>>();
    for (const job of [...jobs].sort((a, b) => compare(contactKey(a), contactKey(b)))) {
      const key = contactKey(job);
      if (!contacts.has(key)) {
        contacts.set(key, this.conversations.upsertContact(tx, { channelId: job.channelId, ...job.sender }));
      }
    }
    const messageKey = (channelId: string, platformMessageId: string) => `${channelId}\n${platformMessageId}`;
    const storedCheck = this.conversations.findStoredPlatformIds(
      tx,
      jobs.map((job) => ({ channelId: job.channelId, platformMessageId: job.platformMessageId })),
    );
    const [contactIds, stored] = await Promise.all([
      settleAll([...contacts.values()]),
      settleAll([storedCheck]),
    ]);
    const contactIdOf = new Map([...contacts.keys()].map((key, i) => [key, contactIds[i]]));
    const storedAs = new Map(
      stored[0].map((row) => [messageKey(row.channel_id, row.platform_message_id), row]),
    );

    // Stage 2. The messages, in arrival order (a person's messages keep their order); a platform id twice in
    // the batch is written once.
    const first = new Map<string, number>();
    const writing: number[] = [];
    jobs.forEach((job, i) => {
      const key = messageKey(job.channelId, job.platformMessageId);
      if (storedAs.has(key) || first.has(key)) return;
      first.set(key, i);
      writing.push(i);
    });
    const inserted = await settleAll(
      writing.map((i) =>
        this.conversations.insertInbound(tx, jobs[i].row(contactIdOf.get(contactKey(jobs[i]))!)),
      ),
    );
    const results: IngestResult[] = new Array(jobs.length);
    writing.forEach((i, n) => {
      const row = inserted[n];
      // Stored by a transaction that committed after the check (another process's, without the contact
      // lock: it cannot happen through this path). Roll back what this attempt opened.
      if (!row) throw new DuplicateRace();
      if (jobs[i].opensConversation && !row.conversationId && !row.heldByBlock) {
        // Only possible if something other than ingest opened a conversation for this contact meanwhile:
        // fail, so that the platform delivers again, rather than keep a customer message out of sight.
        throw new Error(
          'A conversation was opened concurrently for this contact; the delivery will be retried',
        );
      }
      results[i] = { duplicate: false, contactId: contactIdOf.get(contactKey(jobs[i]))!, ...row };
    });
    jobs.forEach((job, i) => {
      if (results[i]) return;
      const key = messageKey(job.channelId, job.platformMessageId);
      const earlier = storedAs.get(key);
      const original = results[first.get(key) ?? -1];
      results[i] = earlier
        ? { duplicate: true, messageId: earlier.id, conversationId: earlier.conversation_id }
        : {
            duplicate: true,
            messageId: original && !original.duplicate ? original.messageId : null,
            conversationId: original?.conversationId ?? null,
          };
    });

    // Stage 3. Media, records and the rows to announce, in one go (record() issues its statement before
    // awaiting anything); then COMMIT. A statement issued after COMMIT is refused rather than run outside
    // the transaction.
    const fresh = writing.map((i) => ({
      job: jobs[i],
      result: results[i] as IngestResult & { duplicate: false },
    }));
    const stage: Array<Promise<unknown>> = [];
    for (const { job, result } of fresh) {
      if (job.files.length > 0) {
        stage.push(this.media.insertPendingInbound(tx, job.channelId, result.messageId, job.files));
      }
    }
    for (const { job, result } of fresh) {
      if (job.opened && result.conversationOpened && result.conversationId) {
        stage.push(job.opened(tx, result.conversationId));
      }
    }
    jobs.forEach((job, i) => {
      if (job.record) stage.push(job.record(results[i], tx));
    });
    const announced = fresh.filter(({ result }) => result.conversationId);
    const conversationIds = [
      ...new Set(
        announced.filter(({ job }) => job.changesConversation).map(({ result }) => result.conversationId!),
      ),
    ];
    const conversationRows =
      conversationIds.length > 0
        ? this.conversations.findConversations(tx, conversationIds)
        : Promise.resolve([]);
    const messageRows =
      announced.length > 0
        ? this.conversations.findMessages(
            tx,
            announced.map(({ result }) => result.messageId),
          )
        : Promise.resolve([]);
    stage.push(conversationRows, messageRows);
    // COMMIT only once every record has succeeded: a record may fail without a statement failing.
    await settleAll(stage);
    await tx.commit();

    const conversationById = new Map((await conversationRows).map((row) => [row.id, row]));
    const messageById = new Map((await messageRows).map((row) => [row.id, row]));
    return jobs.map((job, i) => {
      const result = results[i];
      if (result.duplicate || !result.conversationId) return { result, conversation: null, message: null };
      return {
        result,
        conversation: job.changesConversation ? (conversationById.get(result.conversationId) ?? null) : null,
        message: messageById.get(result.messageId) ?? null,
      };
    });
  }
}

/**
 * Like Promise.all, but waits for every statement (a pipelined batch answers all of them, the ones after a
 * failure with "transaction aborted") and throws the first failure that is not such a consequence.
 */
async function settleAll<T>(promises: Array<Promise<T>>): Promise<T[]> {
  const settled = await Promise.allSettled(promises);
  const failures = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failures.length > 0) {
    const cause = failures.find((f) => errorCode(f.reason) !== '25P02') ?? failures[0];
    throw cause.reason;
  }
  return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
}

function errorCode(error: unknown): string | undefined {
  const e = error as { code?: string; driverError?: { code?: string } } | null;
  return e?.code ?? e?.driverError?.code;
}

function isUniqueViolation(error: unknown): boolean {
  return errorCode(error) === '23505';
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
