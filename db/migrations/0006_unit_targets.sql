CREATE TYPE "public"."target_kind" AS ENUM('reserved_share', 'union_gift', 'other');--> statement-breakpoint
CREATE TABLE "unit_targets" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"year" integer NOT NULL,
	"kind" "target_kind" NOT NULL,
	"name" text NOT NULL,
	"target_fen" bigint NOT NULL,
	"basis" text DEFAULT '' NOT NULL,
	"channels" "ledger_channel"[] DEFAULT '{unit_purchase,staff_purchase}'::ledger_channel[] NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "unit_targets_unit_year_name_uq" UNIQUE("unit_id","year","name"),
	CONSTRAINT "unit_targets_positive" CHECK ("unit_targets"."target_fen" > 0)
);
--> statement-breakpoint
ALTER TABLE "unit_targets" ADD CONSTRAINT "unit_targets_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_targets" ADD CONSTRAINT "unit_targets_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;