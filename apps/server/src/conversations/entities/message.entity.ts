import type { DeliveryState, MessageDirection } from '#contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('messages')
export class MessageEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'conversation_id' })
  conversationId: string;

  @Column('uuid', { name: 'channel_id' })
  channelId: string;

  @Column('text')
  direction: MessageDirection;

  @Column('text')
  type: string;

  @Column('text', { nullable: true })
  text: string | null;

  /** The platform's fields for this message, for rendering types beyond text and for audits. */
  @Column('jsonb')
  payload: Record<string, unknown>;

  @Column('text', { name: 'platform_message_id', nullable: true })
  platformMessageId: string | null;

  @Column('uuid', { name: 'sender_agent_id', nullable: true })
  senderAgentId: string | null;

  @Column('text', { name: 'delivery_state' })
  deliveryState: DeliveryState;

  @Column('text', { name: 'failure_reason', nullable: true })
  failureReason: string | null;

  @Column('integer')
  attempts: number;

  @Column('timestamptz', { name: 'locked_until', nullable: true })
  lockedUntil: Date | null;

  /** Set while a delivery attempt is under way: a lease that runs out with it set means a crash mid-send. */
  @Column('timestamptz', { name: 'sending_since', nullable: true })
  sendingSince: Date | null;

  /** Times an agent asked to send it again. */
  @Column('integer')
  retries: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'sent_at', nullable: true })
  sentAt: Date | null;
}
