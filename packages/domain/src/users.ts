import { z } from 'zod';
import { ordinalSchema, recordIdSchema, recordTimeSchema } from './record-fields';
import type { FieldIssue } from './errors';
import { STATE_CODES } from './reference-data';

export const ROLES = ['STATE_USER', 'CMS_USER', 'CMS_APPROVER', 'ADMIN', 'HELPDESK', 'READONLY'] as const;
export type Role = (typeof ROLES)[number];

export const DIVISIONS = ['DMCO', 'DMCP', 'OACT'] as const;
export type Division = (typeof DIVISIONS)[number];

export const CMS_ROLES: readonly Role[] = ['CMS_USER', 'CMS_APPROVER'];

/**
 * A person who uses Docket. State users are bound to one state; CMS users may carry a division and states. The
 * one definition of a user record: the stores read theirs back with it, and archives and the API derive theirs.
 */
export const userSchema = z.object({
  id: recordIdSchema,
  email: z.string().min(1),
  givenName: z.string(),
  familyName: z.string(),
  role: z.enum(ROLES),
  /** Set for STATE_USER only. */
  stateCode: z.string().nullable(),
  /** Optional for CMS_USER and CMS_APPROVER; null for every other role. */
  division: z.enum(DIVISIONS).nullable(),
  /** States a CMS user is assigned to as analyst; empty for other roles. */
  assignedStates: z.array(z.string()),
  disabled: z.boolean(),
  createdAt: recordTimeSchema,
  /** Counted from 1, one more with every change: a change based on another version is refused. */
  version: ordinalSchema.default(1),
  /** Set by a password reset: the user must choose a new password before doing anything else. */
  mustChangePassword: z.boolean().default(false),
});
export type User = z.infer<typeof userSchema>;

/** Who did something, as recorded in history: a snapshot that survives later changes to the user. */
export const actorRefSchema = z.object({
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
});
export type ActorRef = z.infer<typeof actorRefSchema>;

export function actorRef(user: User): ActorRef {
  return {
    userId: user.id,
    email: user.email,
    name: `${user.givenName} ${user.familyName}`,
    role: user.role,
  };
}

export const stateCodeSchema = z.enum(STATE_CODES as [string, ...string[]], {
  error: 'Must be a US state or territory code, such as MN',
});

/**
 * How an email names an account, whatever case or surrounding spaces it was typed with: trimmed and lower-cased.
 * The one rule for every look-up, uniqueness check and login counter of an account, in every package.
 */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export const emailSchema = z
  .string()
  .overwrite(normalizeEmail)
  .pipe(z.email({ error: 'Must be a valid email address' }).max(254));

/** The fields of a user an administrator describes: the person, the role and what the role is bound to. */
export const userFieldsSchema = z.object({
  email: emailSchema,
  givenName: z.string().trim().min(1, 'Required').max(100),
  familyName: z.string().trim().min(1, 'Required').max(100),
  role: z.enum(ROLES),
  stateCode: stateCodeSchema.nullable().default(null),
  division: z.enum(DIVISIONS).nullable().default(null),
  assignedStates: z.array(stateCodeSchema).max(STATE_CODES.length).default([]),
});

/** What is wrong with how a user's fields fit the role: a state for state users, a division and states for CMS. */
export function roleFieldIssues(
  u: Pick<User, 'role' | 'stateCode' | 'division' | 'assignedStates'>,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (u.role === 'STATE_USER' && !u.stateCode) {
    issues.push({ path: ['stateCode'], message: 'A state user needs a state' });
  }
  if (u.role !== 'STATE_USER' && u.stateCode) {
    issues.push({ path: ['stateCode'], message: 'Only state users belong to a state' });
  }
  if (!CMS_ROLES.includes(u.role) && u.division) {
    issues.push({ path: ['division'], message: 'Only CMS users have a division' });
  }
  if (!CMS_ROLES.includes(u.role) && u.assignedStates.length > 0) {
    issues.push({ path: ['assignedStates'], message: 'Only CMS users are assigned states' });
  }
  if (new Set(u.assignedStates).size !== u.assignedStates.length) {
    issues.push({ path: ['assignedStates'], message: 'A state is listed twice' });
  }
  return issues;
}

/** A new user as an administrator (or the CLI) describes it. Role-specific fields are checked together. */
export const newUserSchema = userFieldsSchema.superRefine((u, ctx) => {
  for (const issue of roleFieldIssues(u)) ctx.addIssue({ code: 'custom', ...issue });
});
export type NewUser = z.output<typeof newUserSchema>;

export const passwordSchema = z
  .string()
  .min(12, 'Passwords have at least 12 characters')
  .max(256, 'Passwords have at most 256 characters');
