-- Sessions opened before idle timeouts existed count as idle since they were opened: their holders log in again.
ALTER TABLE "sessions" ADD COLUMN "idle_expires_at" timestamp(3) with time zone;--> statement-breakpoint
UPDATE "sessions" SET "idle_expires_at" = "created_at";--> statement-breakpoint
ALTER TABLE "sessions" ALTER COLUMN "idle_expires_at" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "sessions_user_id_idx" ON "sessions" ("user_id");
