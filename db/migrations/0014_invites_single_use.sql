ALTER TABLE "unit_invites" ADD COLUMN "max_uses" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "unit_invites" ADD COLUMN "uses" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "unit_invites" ADD CONSTRAINT "unit_invites_uses_within_limit" CHECK ("unit_invites"."uses" >= 0 AND "unit_invites"."uses" <= "unit_invites"."max_uses");