import type { ChannelKind, ChannelStatus } from '#contracts';
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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
