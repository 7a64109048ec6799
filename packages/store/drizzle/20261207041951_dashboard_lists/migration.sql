ALTER TABLE "contracts" ADD COLUMN "list_status" text GENERATED ALWAYS AS (case
      when last_review_action = 'APPROVE' then 'APPROVED'
      when last_review_action = 'WITHDRAW' then 'WITHDRAWN'
      when draft_open then case when submitted_count = 0 then 'DRAFT' else 'UNLOCKED' end
      when coalesce((submitted_slice ->> 'chipOnly')::boolean, false) then 'NOT_SUBJECT_TO_REVIEW'
      when submitted_count = 1 then 'SUBMITTED'
      else 'RESUBMITTED' end) STORED;--> statement-breakpoint
CREATE INDEX "contracts_list_updated_idx" ON "contracts" ("updated_at","id");--> statement-breakpoint
CREATE INDEX "contracts_list_state_updated_idx" ON "contracts" ("state_code","updated_at","id");--> statement-breakpoint
CREATE INDEX "contracts_list_submitted_last_idx" ON "contracts" (coalesce("first_submitted_at", 'infinity'::timestamptz),"id");--> statement-breakpoint
CREATE INDEX "contracts_list_state_submitted_last_idx" ON "contracts" ("state_code",coalesce("first_submitted_at", 'infinity'::timestamptz),"id");--> statement-breakpoint
CREATE INDEX "contracts_list_submitted_first_idx" ON "contracts" (coalesce("first_submitted_at", '-infinity'::timestamptz),"id");--> statement-breakpoint
CREATE INDEX "contracts_list_state_submitted_first_idx" ON "contracts" ("state_code",coalesce("first_submitted_at", '-infinity'::timestamptz),"id");--> statement-breakpoint
CREATE INDEX "contracts_list_shared_updated_idx" ON "contracts" ("shared_updated_at","id") WHERE "first_submitted_at" is not null;--> statement-breakpoint
CREATE INDEX "contracts_list_state_shared_updated_idx" ON "contracts" ("state_code","shared_updated_at","id") WHERE "first_submitted_at" is not null;--> statement-breakpoint
CREATE INDEX "contracts_list_state_first_submitted_idx" ON "contracts" ("state_code","first_submitted_at","id") WHERE "first_submitted_at" is not null;--> statement-breakpoint
CREATE INDEX "contracts_list_status_shared_updated_idx" ON "contracts" ("list_status","shared_updated_at","id") WHERE "first_submitted_at" is not null;--> statement-breakpoint
CREATE INDEX "contracts_list_status_first_submitted_idx" ON "contracts" ("list_status","first_submitted_at","id") WHERE "first_submitted_at" is not null;--> statement-breakpoint
CREATE INDEX "contracts_list_status_name_idx" ON "contracts" ("list_status","state_code","state_number") WHERE "first_submitted_at" is not null;--> statement-breakpoint
CREATE INDEX "contracts_list_submitted_name_idx" ON "contracts" ("state_code","state_number") WHERE "first_submitted_at" is not null;