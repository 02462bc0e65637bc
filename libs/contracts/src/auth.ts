export type Role = 'admin' | 'supervisor' | 'agent';

export interface UserView {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  departmentIds: string[];
}

export interface LoginRequest {
  email: string;
  password: string;
}

export interface LoginResponse {
  accessToken: string;
  expiresAt: string;
  user: UserView;
}

export interface CreateUserRequest {
  email: string;
  name: string;
  password: string;
  role: Role;
  departmentIds?: string[];
}

export interface DepartmentView {
  id: string;
  name: string;
}

export interface CreateDepartmentRequest {
  name: string;
}
