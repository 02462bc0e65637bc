import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('login_failures')
export class LoginFailureEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column('text')
  email: string;

  @Column('text')
  ip: string;

  @Column('timestamptz', { default: () => 'now()' })
  at: Date;
}
