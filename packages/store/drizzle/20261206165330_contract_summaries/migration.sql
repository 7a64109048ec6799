ALTER TABLE "contracts" ADD COLUMN "last_submitted_at" timestamp(3) with time zone;--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "latest_slice" jsonb;--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "submitted_slice" jsonb;--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "submitted_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "draft_open" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "last_review_action" text;--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "shared_updated_at" timestamp(3) with time zone;--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "summary_version" integer;--> statement-breakpoint
CREATE INDEX "contracts_summary_behind_idx" ON "contracts" ("id") WHERE "summary_version" is distinct from "version";