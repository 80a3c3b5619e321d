CREATE TYPE "public"."mail_status" AS ENUM('pending', 'sent', 'kept', 'failed');--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "status" "mail_status" DEFAULT 'pending' NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "last_error" text;--> statement-breakpoint
-- Mail written before this migration was never sent anywhere: it is what admins read at /admin/outbox.
UPDATE "outbox" SET "status" = 'kept';
