import {
  sessionViewSchema,
  userListViewSchema,
  userViewSchema,
  userWithTemporaryPasswordSchema,
  type ChangePasswordRequest,
  type NewUser,
  type SessionView,
  type UserEdit,
  type UserListView,
  type UserView,
  type UserWithTemporaryPassword,
} from '@docket/domain';
import { request } from './client';

/** The administration of users (`/api/users`) and the change of one's own password. */

export function searchUsers(query: URLSearchParams): Promise<UserListView> {
  const search = query.toString();
  return request('GET', `/api/users${search ? `?${search}` : ''}`, { schema: userListViewSchema });
}

export function getUser(id: string): Promise<UserView> {
  return request('GET', `/api/users/${encodeURIComponent(id)}`, { schema: userViewSchema });
}

export function createUser(user: NewUser): Promise<UserWithTemporaryPassword> {
  return request('POST', '/api/users', { body: user, schema: userWithTemporaryPasswordSchema });
}

export function updateUser(id: string, edit: UserEdit): Promise<UserView> {
  return request('PATCH', `/api/users/${encodeURIComponent(id)}`, { body: edit, schema: userViewSchema });
}

export function setUserDisabled(id: string, version: number, disabled: boolean): Promise<UserView> {
  const action = disabled ? 'disable' : 'enable';
  return request('POST', `/api/users/${encodeURIComponent(id)}/${action}`, {
    body: { version },
    schema: userViewSchema,
  });
}

export function resetPassword(id: string): Promise<UserWithTemporaryPassword> {
  return request('POST', `/api/users/${encodeURIComponent(id)}/reset-password`, {
    schema: userWithTemporaryPasswordSchema,
  });
}

export function changePassword(change: ChangePasswordRequest): Promise<SessionView> {
  return request('POST', '/api/me/password', { body: change, schema: sessionViewSchema });
}
