import { z } from 'zod';
import { recordIdSchema, recordTimeSchema } from './record-fields';
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

/** A new user as an administrator (or the CLI) describes it. Role-specific fields are checked together. */
export const newUserSchema = z
  .object({
    email: emailSchema,
    givenName: z.string().trim().min(1, 'Required').max(100),
    familyName: z.string().trim().min(1, 'Required').max(100),
    role: z.enum(ROLES),
    stateCode: stateCodeSchema.nullable().default(null),
    division: z.enum(DIVISIONS).nullable().default(null),
    assignedStates: z.array(stateCodeSchema).default([]),
  })
  .superRefine((u, ctx) => {
    if (u.role === 'STATE_USER' && !u.stateCode) {
      ctx.addIssue({ code: 'custom', path: ['stateCode'], message: 'A state user needs a state' });
    }
    if (u.role !== 'STATE_USER' && u.stateCode) {
      ctx.addIssue({ code: 'custom', path: ['stateCode'], message: 'Only state users belong to a state' });
    }
    if (!CMS_ROLES.includes(u.role) && u.division) {
      ctx.addIssue({ code: 'custom', path: ['division'], message: 'Only CMS users have a division' });
    }
    if (!CMS_ROLES.includes(u.role) && u.assignedStates.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['assignedStates'],
        message: 'Only CMS users are assigned states',
      });
    }
  });
export type NewUser = z.output<typeof newUserSchema>;

export const passwordSchema = z
  .string()
  .min(12, 'Passwords have at least 12 characters')
  .max(256, 'Passwords have at most 256 characters');
