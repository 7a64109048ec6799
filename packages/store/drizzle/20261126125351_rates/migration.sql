CREATE TABLE "rate_revisions" (
	"id" uuid PRIMARY KEY,
	"rate_id" uuid NOT NULL,
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
	CONSTRAINT "rate_revisions_number_unique" UNIQUE("rate_id","number")
);
--> statement-breakpoint
CREATE TABLE "rates" (
	"id" uuid PRIMARY KEY,
	"state_code" text NOT NULL,
	"state_number" integer NOT NULL,
	"parent_contract_id" uuid NOT NULL,
	"created_at" timestamp(3) with time zone NOT NULL,
	"updated_at" timestamp(3) with time zone NOT NULL,
	"first_submitted_at" timestamp(3) with time zone,
	CONSTRAINT "rates_state_number_unique" UNIQUE("state_code","state_number")
);
--> statement-breakpoint
ALTER TABLE "contract_revisions" ADD COLUMN "rate_links" jsonb DEFAULT '[]' NOT NULL;--> statement-breakpoint
CREATE INDEX "rates_linkable_idx" ON "rates" ("state_code","state_number") WHERE "first_submitted_at" is not null;--> statement-breakpoint
CREATE INDEX "rates_parent_idx" ON "rates" ("parent_contract_id","state_number");--> statement-breakpoint
ALTER TABLE "rate_revisions" ADD CONSTRAINT "rate_revisions_rate_id_rates_id_fkey" FOREIGN KEY ("rate_id") REFERENCES "rates"("id");--> statement-breakpoint
ALTER TABLE "rates" ADD CONSTRAINT "rates_state_code_states_code_fkey" FOREIGN KEY ("state_code") REFERENCES "states"("code");--> statement-breakpoint
ALTER TABLE "rates" ADD CONSTRAINT "rates_parent_contract_id_contracts_id_fkey" FOREIGN KEY ("parent_contract_id") REFERENCES "contracts"("id");