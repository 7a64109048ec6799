ALTER TABLE "contracts" ADD COLUMN "reversed_revisions" jsonb DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE "rates" ADD COLUMN "reversed_revisions" jsonb DEFAULT '[]' NOT NULL;