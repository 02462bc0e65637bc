import type { TicketChangeKind } from '#contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One entry of a ticket's history; `actorId` null = the system, which always says why in `reason`. */
@Entity('ticket_activities')
export class TicketActivityEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column('uuid', { name: 'ticket_id' })
  ticketId: string;

  @Column('timestamptz')
  at: Date;

  @Column('uuid', { name: 'actor_id', nullable: true })
  actorId: string | null;

  @Column('text')
  kind: TicketChangeKind;

  /** The change without its kind (`from`/`to`, the conversation…), as `TicketChange` in libs/contracts. */
  @Column('jsonb')
  detail: Record<string, unknown>;

  @Column('text', { nullable: true })
  reason: string | null;
}
