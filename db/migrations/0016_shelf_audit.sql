CREATE TABLE "village_manager_invites" (
	"id" text PRIMARY KEY NOT NULL,
	"secret_hash" "bytea" NOT NULL,
	"village_id" integer NOT NULL,
	"email" text NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"used_by" integer,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" integer,
	"actor_kind" text NOT NULL,
	"action" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" text NOT NULL,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
ALTER TABLE "villages" ADD COLUMN "division_code" text;--> statement-breakpoint
ALTER TABLE "villages" ADD COLUMN "collective_name" text;--> statement-breakpoint
ALTER TABLE "villages" ADD COLUMN "credit_code" text;--> statement-breakpoint
ALTER TABLE "villages" ADD COLUMN "paused_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "village_manager_invites" ADD CONSTRAINT "village_manager_invites_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "village_manager_invites" ADD CONSTRAINT "village_manager_invites_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "village_manager_invites" ADD CONSTRAINT "village_manager_invites_used_by_users_id_fk" FOREIGN KEY ("used_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "village_manager_invites_village_idx" ON "village_manager_invites" USING btree ("village_id");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_user_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_target_idx" ON "audit_log" USING btree ("target_type","target_id","at");--> statement-breakpoint
ALTER TABLE "villages" ADD CONSTRAINT "villages_credit_code_unique" UNIQUE("credit_code");--> statement-breakpoint
ALTER TABLE "villages" ADD CONSTRAINT "villages_division_code_format" CHECK ("villages"."division_code" IS NULL OR "villages"."division_code" ~ '^[0-9]{12}$');--> statement-breakpoint
-- The audit log is append-only: a mistake is recorded, never edited away.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'P0001';
END;
$$;--> statement-breakpoint
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
