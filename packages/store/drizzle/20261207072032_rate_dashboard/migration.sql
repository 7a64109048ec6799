ALTER TABLE "rates" ADD COLUMN "shared_updated_at" timestamp(3) with time zone;--> statement-breakpoint
ALTER TABLE "rates" ADD COLUMN "period_start" text;--> statement-breakpoint
ALTER TABLE "rates" ADD COLUMN "rate_type" text;--> statement-breakpoint
ALTER TABLE "rates" ADD COLUMN "list_status" text;--> statement-breakpoint
ALTER TABLE "rates" ADD COLUMN "submitted_slice" jsonb;--> statement-breakpoint
CREATE INDEX "rates_list_submitted_idx" ON "rates" ("first_submitted_at","id") WHERE "first_submitted_at" is not null;--> statement-breakpoint
CREATE INDEX "rates_list_state_submitted_idx" ON "rates" ("state_code","first_submitted_at","id") WHERE "first_submitted_at" is not null;--> statement-breakpoint
CREATE INDEX "rates_list_status_submitted_idx" ON "rates" ("list_status","first_submitted_at","id") WHERE "first_submitted_at" is not null;--> statement-breakpoint
CREATE INDEX "rates_list_updated_idx" ON "rates" ("shared_updated_at","id") WHERE "first_submitted_at" is not null;--> statement-breakpoint
CREATE INDEX "rates_list_state_updated_idx" ON "rates" ("state_code","shared_updated_at","id") WHERE "first_submitted_at" is not null;--> statement-breakpoint
CREATE INDEX "rates_list_status_updated_idx" ON "rates" ("list_status","shared_updated_at","id") WHERE "first_submitted_at" is not null;--> statement-breakpoint
CREATE INDEX "rates_list_period_idx" ON "rates" ("period_start","id") WHERE "first_submitted_at" is not null;--> statement-breakpoint
CREATE INDEX "rates_list_state_period_idx" ON "rates" ("state_code","period_start","id") WHERE "first_submitted_at" is not null;--> statement-breakpoint
CREATE INDEX "rates_list_status_period_idx" ON "rates" ("list_status","period_start","id") WHERE "first_submitted_at" is not null;--> statement-breakpoint
CREATE INDEX "rates_list_status_name_idx" ON "rates" ("list_status","state_code","state_number") WHERE "first_submitted_at" is not null;--> statement-breakpoint
CREATE INDEX "rates_summary_missing_idx" ON "rates" ("id") WHERE "first_submitted_at" is not null and "list_status" is null;