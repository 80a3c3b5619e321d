CREATE TABLE "public_notices" (
	"village_id" integer NOT NULL,
	"period_key" text NOT NULL,
	"published_by" integer,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "public_notices_village_id_period_key_pk" PRIMARY KEY("village_id","period_key")
);
--> statement-breakpoint
ALTER TABLE "public_notices" ADD CONSTRAINT "public_notices_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_notices" ADD CONSTRAINT "public_notices_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;