CREATE TABLE "email_settings_versions" (
	"version" integer PRIMARY KEY,
	"settings" jsonb NOT NULL,
	"saved_at" timestamp(3) with time zone NOT NULL,
	"saved_by" jsonb
);
--> statement-breakpoint
CREATE INDEX "events_actor_idx" ON "events" (("actor"->>'userId'),"at","id");--> statement-breakpoint
CREATE INDEX "events_action_idx" ON "events" ("action","at","id");--> statement-breakpoint
CREATE INDEX "events_state_idx" ON "events" ("state_code","at","id");