import type { Presence, Role } from '#contracts';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  email: string;

  @Column('text')
  name: string;

  /** null while an invitation is pending: nobody can sign in as this user yet. */
  @Column('text', { name: 'password_hash', nullable: true })
  passwordHash: string | null;

  @Column('text')
  role: Role;

  @Column('boolean')
  active: boolean;

  @Column('integer', { name: 'max_concurrent_chats' })
  maxConcurrentChats: number;

  @Column('text')
  presence: Presence;

  @Column('text', { name: 'presence_reason', nullable: true })
  presenceReason: 'chosen' | 'idle' | null;

  @Column('timestamptz', { name: 'presence_changed_at' })
  presenceChangedAt: Date;

  @Column('timestamptz', { name: 'last_active_at', nullable: true })
  lastActiveAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
