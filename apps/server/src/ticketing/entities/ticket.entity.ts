import type { TicketPriority, TicketStatus } from '#contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('tickets')
export class TicketEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** From `ticket_number_seq`: unique across processes, never reused (gaps are fine). */
  @Column({ type: 'integer', insert: false, update: false })
  number: number;

  @Column('text')
  subject: string;

  @Column('text')
  status: TicketStatus;

  @Column('text')
  priority: TicketPriority;

  @Column('uuid', { name: 'department_id', nullable: true })
  departmentId: string | null;

  @Column('uuid', { name: 'assignee_id', nullable: true })
  assigneeId: string | null;

  /** The contact who asked (TK1). */
  @Column('uuid', { name: 'requester_contact_id' })
  requesterContactId: string;

  /** The ticket this one continues when the customer wrote again long after it (TK2). */
  @Column('uuid', { name: 'previous_ticket_id', nullable: true })
  previousTicketId: string | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;

  @Column('timestamptz', { name: 'last_activity_at' })
  lastActivityAt: Date;

  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt: Date | null;
}
