CREATE TABLE "contract_revisions" (
	"id" uuid PRIMARY KEY,
	"contract_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"form_data" jsonb NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"submitted_at" timestamp(3) with time zone,
	"submitted_by" jsonb,
	"submitted_reason" text,
	"unlocked_at" timestamp(3) with time zone,
	"unlocked_by" jsonb,
	"unlocked_reason" text,
	CONSTRAINT "contract_revisions_number_unique" UNIQUE("contract_id","number")
);
--> statement-breakpoint
CREATE TABLE "contracts" (
	"id" uuid PRIMARY KEY,
	"state_code" text NOT NULL,
	"state_number" integer NOT NULL,
	"version" integer NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"first_submitted_at" timestamp(3) with time zone,
	"mccrs_id" text,
	CONSTRAINT "contracts_state_number_unique" UNIQUE("state_code","state_number")
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" uuid PRIMARY KEY,
	"at" timestamp(3) with time zone NOT NULL,
	"actor" jsonb,
	"action" text NOT NULL,
	"reason" text,
	"state_code" text,
	"contract_id" uuid,
	"revision_id" uuid,
	"details" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programs" (
	"id" uuid PRIMARY KEY,
	"state_code" text NOT NULL,
	"name" text NOT NULL,
	"full_name" text NOT NULL,
	"is_rate_program" boolean NOT NULL,
	"is_deprecated" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_actions" (
	"id" uuid PRIMARY KEY,
	"contract_id" uuid NOT NULL,
	"action" text NOT NULL,
	"at" timestamp(3) with time zone NOT NULL,
	"by" jsonb NOT NULL,
	"reason" text,
	"date_approval_released_to_state" date
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY,
	"user_id" uuid NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"expires_at" timestamp(3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "states" (
	"code" text PRIMARY KEY,
	"name" text NOT NULL,
	"last_contract_number" integer DEFAULT 0 NOT NULL,
	"last_rate_number" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY,
	"email" text NOT NULL,
	"given_name" text NOT NULL,
	"family_name" text NOT NULL,
	"role" text NOT NULL,
	"state_code" text,
	"division" text,
	"assigned_states" text[] DEFAULT '{}'::text[] NOT NULL,
	"disabled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"password_hash" text
);
--> statement-breakpoint
CREATE INDEX "contracts_created_at_idx" ON "contracts" ("created_at","id");--> statement-breakpoint
CREATE INDEX "contracts_first_submitted_at_idx" ON "contracts" ("first_submitted_at","id") WHERE "first_submitted_at" is not null;--> statement-breakpoint
CREATE INDEX "events_contract_idx" ON "events" ("contract_id","at","id");--> statement-breakpoint
CREATE INDEX "events_at_idx" ON "events" ("at","id");--> statement-breakpoint
CREATE INDEX "programs_state_name_idx" ON "programs" ("state_code","name");--> statement-breakpoint
CREATE INDEX "review_actions_contract_idx" ON "review_actions" ("contract_id","at","id");--> statement-breakpoint
CREATE INDEX "sessions_expires_at_idx" ON "sessions" ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_lower_unique" ON "users" (lower("email"));--> statement-breakpoint
ALTER TABLE "contract_revisions" ADD CONSTRAINT "contract_revisions_contract_id_contracts_id_fkey" FOREIGN KEY ("contract_id") REFERENCES "contracts"("id");--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_state_code_states_code_fkey" FOREIGN KEY ("state_code") REFERENCES "states"("code");--> statement-breakpoint
ALTER TABLE "programs" ADD CONSTRAINT "programs_state_code_states_code_fkey" FOREIGN KEY ("state_code") REFERENCES "states"("code");--> statement-breakpoint
ALTER TABLE "review_actions" ADD CONSTRAINT "review_actions_contract_id_contracts_id_fkey" FOREIGN KEY ("contract_id") REFERENCES "contracts"("id");