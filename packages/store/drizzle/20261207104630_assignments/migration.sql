CREATE TABLE "contract_reviewers" (
	"contract_id" uuid,
	"user_id" uuid,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"assigned_by" jsonb NOT NULL,
	"assigned_at" timestamp(3) with time zone NOT NULL,
	CONSTRAINT "contract_reviewers_pkey" PRIMARY KEY("contract_id","user_id")
);
--> statement-breakpoint
CREATE INDEX "contract_reviewers_user_idx" ON "contract_reviewers" ("user_id","contract_id");--> statement-breakpoint
CREATE INDEX "users_assignable_reviewers_idx" ON "users" (lower("email")) WHERE "users"."role" in ('CMS_USER', 'CMS_APPROVER') and "users"."disabled" = false;--> statement-breakpoint
ALTER TABLE "contract_reviewers" ADD CONSTRAINT "contract_reviewers_contract_id_contracts_id_fkey" FOREIGN KEY ("contract_id") REFERENCES "contracts"("id");