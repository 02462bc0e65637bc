import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A conversation's messages on a ticket: those with `fromSeq <= seq < toSeq` (open bounds when null). At most
 * one link per conversation is current (`endedAt` null); an ended one keeps the messages it had.
 */
@Entity('ticket_conversations')
export class TicketConversationEntity {
  @PrimaryColumn('uuid', { name: 'ticket_id' })
  ticketId: string;

  @PrimaryColumn('uuid', { name: 'conversation_id' })
  conversationId: string;

  @Column('timestamptz', { name: 'linked_at' })
  linkedAt: Date;

  /** Null: linked by the system (automatic conversion). */
  @Column('uuid', { name: 'linked_by', nullable: true })
  linkedBy: string | null;

  @Column('bigint', { name: 'from_seq', nullable: true })
  fromSeq: string | null;

  @Column('bigint', { name: 'to_seq', nullable: true })
  toSeq: string | null;

  @Column('timestamptz', { name: 'ended_at', nullable: true })
  endedAt: Date | null;
}
