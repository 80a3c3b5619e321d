CREATE TABLE "offline_sales" (
	"id" serial PRIMARY KEY NOT NULL,
	"village_id" integer NOT NULL,
	"unit_id" integer,
	"buyer_name" text NOT NULL,
	"product_id" integer,
	"product_name" text NOT NULL,
	"quantity" integer NOT NULL,
	"sale_unit" text NOT NULL,
	"grams" bigint DEFAULT 0 NOT NULL,
	"amount_fen" bigint NOT NULL,
	"sold_on" date NOT NULL,
	"evidence_paths" text[] DEFAULT '{}'::text[] NOT NULL,
	"reverses_id" integer,
	"reason" text DEFAULT '' NOT NULL,
	"recorded_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "offline_sales_sign" CHECK (("offline_sales"."reverses_id" IS NULL AND "offline_sales"."amount_fen" > 0 AND "offline_sales"."quantity" > 0) OR ("offline_sales"."reverses_id" IS NOT NULL AND "offline_sales"."amount_fen" < 0 AND "offline_sales"."reason" <> ''))
);
--> statement-breakpoint
ALTER TABLE "offline_sales" ADD CONSTRAINT "offline_sales_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offline_sales" ADD CONSTRAINT "offline_sales_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offline_sales" ADD CONSTRAINT "offline_sales_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offline_sales" ADD CONSTRAINT "offline_sales_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offline_sales" ADD CONSTRAINT "offline_sales_reverses_fk" FOREIGN KEY ("reverses_id") REFERENCES "public"."offline_sales"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "offline_sales_village_idx" ON "offline_sales" USING btree ("village_id","sold_on");--> statement-breakpoint
CREATE UNIQUE INDEX "offline_sales_reversed_once" ON "offline_sales" USING btree ("reverses_id");