import { Entity, PrimaryColumn } from 'typeorm';

@Entity('user_departments')
export class UserDepartmentEntity {
  @PrimaryColumn('uuid', { name: 'user_id' })
  userId: string;

  @PrimaryColumn('uuid', { name: 'department_id' })
  departmentId: string;
}
