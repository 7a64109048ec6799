ALTER TABLE "users" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "must_change_password" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "users_role_email_idx" ON "users" ("role",lower("email"));--> statement-breakpoint
CREATE INDEX "users_state_email_idx" ON "users" ("state_code",lower("email"));--> statement-breakpoint
CREATE INDEX "users_assigned_states_idx" ON "users" USING gin ("assigned_states");--> statement-breakpoint
CREATE INDEX "users_enabled_admins_idx" ON "users" ("id") WHERE "role" = 'ADMIN' and not "disabled";