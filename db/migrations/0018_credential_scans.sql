ALTER TYPE "public"."credential_kind" ADD VALUE 'sc_licence';--> statement-breakpoint
ALTER TABLE "product_credentials" ADD COLUMN "scan_path" text;