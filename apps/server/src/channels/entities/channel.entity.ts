import type { ChannelHealth, ChannelKind, ChannelStatus } from '#contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('channels')
export class ChannelEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  kind: ChannelKind;

  @Column('text')
  name: string;

  @Column('uuid', { name: 'department_id', nullable: true })
  departmentId: string | null;

  @Column('text')
  status: ChannelStatus;

  @Column('text')
  health: ChannelHealth;

  /** Why the channel is unhealthy, in words an admin can act on. */
  @Column('text', { name: 'health_reason', nullable: true })
  healthReason: string | null;

  @Column('timestamptz', { name: 'health_checked_at', nullable: true })
  healthCheckedAt: Date | null;

  /** Deleted channels keep their conversations, read-only (CH2). */
  @Column('timestamptz', { name: 'deleted_at', nullable: true })
  deletedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
