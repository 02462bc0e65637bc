import type { ConversationStatus } from '#contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('conversations')
export class ConversationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'channel_id' })
  channelId: string;

  @Column('uuid', { name: 'contact_id' })
  contactId: string;

  @Column('uuid', { name: 'department_id', nullable: true })
  departmentId: string | null;

  @Column('text')
  status: ConversationStatus;

  @Column('uuid', { name: 'assignee_id', nullable: true })
  assigneeId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'last_message_at' })
  lastMessageAt: Date;

  @Column('text', { name: 'last_message_preview' })
  lastMessagePreview: string;

  @Column('timestamptz', { name: 'last_customer_message_at', nullable: true })
  lastCustomerMessageAt: Date | null;

  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt: Date | null;

  /** A lock the platform imposed (45015, 45047) or an unfollow; cleared when the customer writes again. */
  @Column('text', { name: 'reply_lock', nullable: true })
  replyLock: 'window-expired' | 'budget-used' | 'unfollowed' | null;

  @Column('timestamptz', { name: 'reply_locked_at', nullable: true })
  replyLockedAt: Date | null;

  /** `seq` of the customer's last message: agent messages after it count against the budget (OA6). */
  @Column('bigint', { name: 'window_opened_seq', nullable: true })
  windowOpenedSeq: string | null;
}
