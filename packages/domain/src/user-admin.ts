import { z } from 'zod';
import { canAdminister } from './admin.policy';
import { ForbiddenError, ValidationError } from './errors';
import { changeDetails, listValue, type DetailValue, type EventDetails } from './events';
import { ordinalSchema } from './record-fields';
import {
  CMS_ROLES,
  DIVISIONS,
  passwordSchema,
  ROLES,
  roleFieldIssues,
  stateCodeSchema,
  userFieldsSchema,
  userSchema,
  type Role,
  type User,
} from './users';

/**
 * What an administrator may change of a user, and who may change what. Pure: the server's use cases load the user,
 * ask here, and hand the store the result.
 */

/** The fields of a user that an edit may change. */
export const EDITABLE_USER_FIELDS = [
  'email',
  'givenName',
  'familyName',
  'role',
  'stateCode',
  'division',
  'assignedStates',
] as const;
export type EditableUserField = (typeof EDITABLE_USER_FIELDS)[number];

/** The fields the help desk may change too (the state analysts), on CMS users only. */
export const ASSIGNMENT_FIELDS: readonly EditableUserField[] = ['division', 'assignedStates'];

/** An edit: the fields to change (any others keep their value) and the version it was based on. */
export const userEditSchema = userFieldsSchema
  .partial()
  .extend({
    // Without the defaults of a new user: a field left out is kept, not reset.
    stateCode: userFieldsSchema.shape.stateCode.unwrap().optional(),
    division: z.enum(DIVISIONS).nullable().optional(),
    assignedStates: userFieldsSchema.shape.assignedStates.unwrap().optional(),
    version: ordinalSchema,
  })
  .strict();
export type UserEdit = z.output<typeof userEditSchema>;

/** The fields an edit names. */
export function editedFields(edit: UserEdit): EditableUserField[] {
  return EDITABLE_USER_FIELDS.filter((field) => edit[field] !== undefined);
}

/** May `actor` make this edit of `target`? Administrators may make any; the help desk only assignments of CMS users. */
export function mayEditUser(
  actor: Pick<User, 'role' | 'disabled'>,
  target: Pick<User, 'role'>,
  fields: readonly EditableUserField[],
): boolean {
  if (canAdminister(actor, 'MANAGE_USERS')) return true;
  return (
    canAdminister(actor, 'EDIT_ASSIGNMENTS') &&
    CMS_ROLES.includes(target.role) &&
    fields.every((field) => ASSIGNMENT_FIELDS.includes(field))
  );
}

/**
 * The user after the edit, checked as a whole (a state user needs a state, ...), one version on.
 * @throws ForbiddenError when the actor may not make this edit
 * @throws ValidationError naming every field at fault
 */
export function editUser(actor: Pick<User, 'role' | 'disabled'>, user: User, edit: UserEdit): User {
  if (!mayEditUser(actor, user, editedFields(edit))) {
    throw new ForbiddenError('You may change only the division and assigned states of CMS users');
  }
  const next: User = { ...user };
  for (const field of EDITABLE_USER_FIELDS) {
    const value = edit[field];
    if (value !== undefined) Object.assign(next, { [field]: value });
  }
  // A role that leaves CMS leaves its division and states behind; one that leaves the state users, the state.
  if (edit.role !== undefined && !CMS_ROLES.includes(edit.role)) {
    if (edit.division === undefined) next.division = null;
    if (edit.assignedStates === undefined) next.assignedStates = [];
  }
  if (edit.role !== undefined && edit.role !== 'STATE_USER' && edit.stateCode === undefined) {
    next.stateCode = null;
  }
  const issues = roleFieldIssues(next);
  if (issues.length > 0) throw new ValidationError('The user is not valid', issues);
  return { ...next, version: user.version + 1 };
}

/** Whether the user counts as an enabled administrator: the last of them can be neither disabled nor demoted. */
export function isEnabledAdmin(user: Pick<User, 'role' | 'disabled'>): boolean {
  return user.role === 'ADMIN' && !user.disabled;
}

/** The fields of a user as an event's details record them (never a password or its hash). */
export function userDetailValues(user: User): Record<string, DetailValue> {
  return {
    email: user.email,
    givenName: user.givenName,
    familyName: user.familyName,
    role: user.role,
    stateCode: user.stateCode,
    division: user.division,
    assignedStates: listValue(user.assignedStates),
    disabled: user.disabled,
    mustChangePassword: user.mustChangePassword,
  };
}

/** An admin change's details: the user changed, and each changed field's prior and new value. */
export function userChangeDetails(before: User, after: User): EventDetails {
  return { userId: after.id, ...changeDetails(userDetailValues(before), userDetailValues(after)) };
}

/**
 * A search of the users: each filter narrows it. `state` finds the users of a state (state users) and the CMS
 * users assigned to it; `text` finds users whose email, given name, family name or full name contains it,
 * whatever the case. Results are ordered by email.
 */
export const userSearchSchema = z.object({
  text: z.string().trim().max(100).optional(),
  role: z.enum(ROLES).optional(),
  state: stateCodeSchema.optional(),
  division: z.enum(DIVISIONS).optional(),
  disabled: z.boolean().optional(),
});
export type UserSearch = z.infer<typeof userSearchSchema>;

/** Whether the user matches the search: the one definition every adapter's query and its tests follow. */
export function matchesUserSearch(user: User, search: UserSearch): boolean {
  const text = search.text?.toLowerCase();
  return (
    (search.role === undefined || user.role === search.role) &&
    (search.state === undefined ||
      user.stateCode === search.state ||
      user.assignedStates.includes(search.state)) &&
    (search.division === undefined || user.division === search.division) &&
    (search.disabled === undefined || user.disabled === search.disabled) &&
    (!text || userSearchText(user).includes(text))
  );
}

/** What a text search looks in: the email and the full name, lower-cased. */
export function userSearchText(user: Pick<User, 'email' | 'givenName' | 'familyName'>): string {
  return `${user.email}\n${user.givenName} ${user.familyName}`.toLowerCase();
}

/** A page of users, as `GET /api/users` answers. */
export const userListViewSchema = z.object({
  items: z.array(userSchema),
  nextCursor: z.string().nullable(),
});
export type UserListView = z.infer<typeof userListViewSchema>;

/**
 * A user with the temporary password the server chose (on creation or reset): shown to the administrator once,
 * never stored in clear and never shown again. The user must replace it at their next login.
 */
export const userWithTemporaryPasswordSchema = z.object({
  user: userSchema,
  temporaryPassword: z.string(),
});
export type UserWithTemporaryPassword = z.infer<typeof userWithTemporaryPasswordSchema>;

/** A change of a user's state (disable, enable), based on the version the administrator saw. */
export const userVersionRequestSchema = z.object({ version: ordinalSchema });

/** A user's change of their own password. */
export const changePasswordRequestSchema = z.object({
  currentPassword: z.string().min(1, 'Enter your current password').max(256),
  newPassword: passwordSchema,
});
export type ChangePasswordRequest = z.infer<typeof changePasswordRequestSchema>;

/** Whether a user of the role belongs to a state (the field a form shows for it). */
export function roleHoldsState(role: Role | ''): boolean {
  return role === 'STATE_USER';
}

/** Whether a user of the role may carry a division and assigned states (no role chosen yet: shown). */
export function roleHoldsAssignments(role: Role | ''): boolean {
  return role === '' || CMS_ROLES.includes(role);
}
