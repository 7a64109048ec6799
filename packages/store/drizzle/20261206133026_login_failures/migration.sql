CREATE TABLE "login_failures" (
	"key" text PRIMARY KEY,
	"failures" integer NOT NULL,
	"last_failure_at" timestamp(3) with time zone NOT NULL,
	"forget_at" timestamp(3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "login_failures_forget_at_idx" ON "login_failures" ("forget_at");