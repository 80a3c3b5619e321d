CREATE TYPE "public"."consent_method" AS ENUM('written', 'recorded_verbal', 'electronic');--> statement-breakpoint
ALTER TYPE "public"."product_status" ADD VALUE 'draft';--> statement-breakpoint
ALTER TYPE "public"."product_status" ADD VALUE 'submitted';--> statement-breakpoint
CREATE TABLE "price_changes" (
	"id" serial PRIMARY KEY NOT NULL,
	"variant_id" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"old_price_fen" integer NOT NULL,
	"new_price_fen" integer NOT NULL,
	"changed_by" integer
);
--> statement-breakpoint
ALTER TABLE "producers" ADD COLUMN "credit_code" text;--> statement-breakpoint
ALTER TABLE "producers" ADD COLUMN "consent_by" text;--> statement-breakpoint
ALTER TABLE "producers" ADD COLUMN "consent_on" date;--> statement-breakpoint
ALTER TABLE "producers" ADD COLUMN "consent_method" "consent_method";--> statement-breakpoint
ALTER TABLE "producers" ADD COLUMN "consent_recorded_by" integer;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "origin" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "grade" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "review_note" text;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "submitted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "reviewed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "reviewed_by" integer;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "pending_changes" jsonb;--> statement-breakpoint
ALTER TABLE "price_changes" ADD CONSTRAINT "price_changes_variant_id_product_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "public"."product_variants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "price_changes_variant_idx" ON "price_changes" USING btree ("variant_id","at");--> statement-breakpoint
-- The categories are reference data every install needs (a village's first product is filed
-- under one): the 消费帮扶 categories of the national 832 platform's produce, in shelf order.
INSERT INTO "categories" ("slug", "name", "name_en", "compare_per_jin", "perishable", "sort_order") VALUES
  ('fresh-fruit', '鲜果', 'Fresh fruit', true, true, 0),
  ('tea', '茶叶', 'Tea', true, false, 1),
  ('grain-oil', '粮油', 'Grain & oil', true, false, 2),
  ('veg-dried', '蔬菜干货', 'Vegetables & dried goods', true, false, 3),
  ('poultry-eggs', '禽蛋', 'Poultry & eggs', true, true, 4),
  ('aquatic', '水产', 'Aquatic products', true, true, 5),
  ('handicraft', '手工日用', 'Handicrafts & household', false, false, 6)
ON CONFLICT ("slug") DO NOTHING;
