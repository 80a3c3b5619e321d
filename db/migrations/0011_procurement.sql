CREATE TYPE "public"."contract_kind" AS ENUM('quote', 'group_order');--> statement-breakpoint
CREATE TYPE "public"."contract_status" AS ENUM('active', 'completed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."delivery_status" AS ENUM('pending_village_shipment', 'pending_unit_acceptance', 'accepted', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."group_order_payment" AS ENUM('unit', 'each');--> statement-breakpoint
CREATE TYPE "public"."group_order_status" AS ENUM('open', 'closed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."procurement_payment_terms" AS ENUM('prepay', 'net');--> statement-breakpoint
CREATE TYPE "public"."quote_request_status" AS ENUM('pending_village_quote', 'pending_unit_decision', 'pending_unit_approval', 'contracted', 'declined', 'rejected', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."procurement_recurrence" AS ENUM('once', 'weekly', 'monthly');--> statement-breakpoint
CREATE TABLE "contract_lines" (
	"id" serial PRIMARY KEY NOT NULL,
	"contract_id" integer NOT NULL,
	"variant_id" integer,
	"product_id" integer,
	"producer_id" integer,
	"description" text NOT NULL,
	"sale_unit" "sale_unit" NOT NULL,
	"net_grams" integer,
	"unit_price_fen" integer NOT NULL,
	CONSTRAINT "contract_lines_price" CHECK ("contract_lines"."unit_price_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "contracts" (
	"id" serial PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"kind" "contract_kind" DEFAULT 'quote' NOT NULL,
	"request_id" integer,
	"quote_id" integer,
	"unit_id" integer NOT NULL,
	"village_id" integer NOT NULL,
	"status" "contract_status" DEFAULT 'active' NOT NULL,
	"payment_terms" "procurement_payment_terms" NOT NULL,
	"net_days" integer DEFAULT 0 NOT NULL,
	"unit_name" text NOT NULL,
	"credit_code" text NOT NULL,
	"invoice_title" text NOT NULL,
	"tax_number" text NOT NULL,
	"village_name" text NOT NULL,
	"recipient" text NOT NULL,
	"mobile" text NOT NULL,
	"address" text NOT NULL,
	"cancel_reason" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contracts_number_unique" UNIQUE("number"),
	CONSTRAINT "contracts_request_id_unique" UNIQUE("request_id")
);
--> statement-breakpoint
CREATE TABLE "deliveries" (
	"id" serial PRIMARY KEY NOT NULL,
	"contract_id" integer NOT NULL,
	"seq" integer NOT NULL,
	"scheduled_on" date NOT NULL,
	"status" "delivery_status" DEFAULT 'pending_village_shipment' NOT NULL,
	"freight_fen" bigint NOT NULL,
	"reserved_at" timestamp with time zone,
	"shipped_on" date,
	"carrier" text,
	"ship_note" text,
	"accepted_at" timestamp with time zone,
	"accepted_by" integer,
	"acceptance_note" text,
	"billed_fen" bigint,
	"cancel_reason" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deliveries_contract_seq_uq" UNIQUE("contract_id","seq"),
	CONSTRAINT "deliveries_freight" CHECK ("deliveries"."freight_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "delivery_lines" (
	"id" serial PRIMARY KEY NOT NULL,
	"delivery_id" integer NOT NULL,
	"contract_line_id" integer NOT NULL,
	"quantity" integer NOT NULL,
	"received_quantity" integer,
	"staff_user_id" integer,
	CONSTRAINT "delivery_lines_qty" CHECK ("delivery_lines"."quantity" > 0 AND ("delivery_lines"."received_quantity" IS NULL OR "delivery_lines"."received_quantity" BETWEEN 0 AND "delivery_lines"."quantity"))
);
--> statement-breakpoint
CREATE TABLE "group_order_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"group_order_id" integer NOT NULL,
	"variant_id" integer NOT NULL,
	"unit_price_fen" integer NOT NULL,
	CONSTRAINT "group_order_items_uq" UNIQUE("group_order_id","variant_id"),
	CONSTRAINT "group_order_items_price" CHECK ("group_order_items"."unit_price_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "group_order_signups" (
	"id" serial PRIMARY KEY NOT NULL,
	"item_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"quantity" integer NOT NULL,
	"paid_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "group_order_signups_uq" UNIQUE("item_id","user_id"),
	CONSTRAINT "group_order_signups_qty" CHECK ("group_order_signups"."quantity" BETWEEN 1 AND 10000)
);
--> statement-breakpoint
CREATE TABLE "group_orders" (
	"id" serial PRIMARY KEY NOT NULL,
	"token" text NOT NULL,
	"unit_id" integer NOT NULL,
	"village_id" integer NOT NULL,
	"title" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"deliver_on" date NOT NULL,
	"payment_mode" "group_order_payment" DEFAULT 'unit' NOT NULL,
	"status" "group_order_status" DEFAULT 'open' NOT NULL,
	"contract_id" integer,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "group_orders_token_unique" UNIQUE("token")
);
--> statement-breakpoint
CREATE TABLE "procurement_invoices" (
	"id" serial PRIMARY KEY NOT NULL,
	"delivery_id" integer NOT NULL,
	"number" text NOT NULL,
	"issued_on" date NOT NULL,
	"amount_fen" bigint NOT NULL,
	"file_path" text,
	"recorded_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "procurement_invoices_delivery_id_unique" UNIQUE("delivery_id"),
	CONSTRAINT "procurement_invoices_amount" CHECK ("procurement_invoices"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "procurement_payments" (
	"id" serial PRIMARY KEY NOT NULL,
	"contract_id" integer NOT NULL,
	"amount_fen" bigint NOT NULL,
	"paid_on" date NOT NULL,
	"reference" text NOT NULL,
	"voucher_path" text,
	"recorded_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "procurement_payments_amount" CHECK ("procurement_payments"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "quote_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"request_id" integer NOT NULL,
	"to_status" "quote_request_status" NOT NULL,
	"kind" text NOT NULL,
	"actor_user_id" integer,
	"note" text DEFAULT '' NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quote_lines" (
	"id" serial PRIMARY KEY NOT NULL,
	"quote_id" integer NOT NULL,
	"request_line_id" integer NOT NULL,
	"unit_price_fen" integer NOT NULL,
	"quantity" integer NOT NULL,
	CONSTRAINT "quote_lines_quote_line_uq" UNIQUE("quote_id","request_line_id"),
	CONSTRAINT "quote_lines_positive" CHECK ("quote_lines"."unit_price_fen" > 0 AND "quote_lines"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "quote_request_lines" (
	"id" serial PRIMARY KEY NOT NULL,
	"request_id" integer NOT NULL,
	"variant_id" integer,
	"description" text NOT NULL,
	"sale_unit" "sale_unit" NOT NULL,
	"quantity" integer NOT NULL,
	CONSTRAINT "quote_request_lines_qty" CHECK ("quote_request_lines"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "quote_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"unit_id" integer NOT NULL,
	"village_id" integer NOT NULL,
	"requested_by" integer NOT NULL,
	"status" "quote_request_status" DEFAULT 'pending_village_quote' NOT NULL,
	"needs" text DEFAULT '' NOT NULL,
	"recipient" text NOT NULL,
	"mobile" text NOT NULL,
	"province" text NOT NULL,
	"city" text NOT NULL,
	"district" text NOT NULL,
	"detail" text NOT NULL,
	"first_delivery_on" date NOT NULL,
	"recurrence" "procurement_recurrence" DEFAULT 'once' NOT NULL,
	"periods" integer DEFAULT 1 NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"accepted_quote_id" integer,
	"needs_approval" boolean DEFAULT false NOT NULL,
	"decided_by" integer,
	"decision_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "quote_requests_number_unique" UNIQUE("number"),
	CONSTRAINT "quote_requests_periods" CHECK ("quote_requests"."periods" BETWEEN 1 AND 120 AND ("quote_requests"."recurrence" = 'once') = ("quote_requests"."periods" = 1))
);
--> statement-breakpoint
CREATE TABLE "quotes" (
	"id" serial PRIMARY KEY NOT NULL,
	"request_id" integer NOT NULL,
	"revision" integer NOT NULL,
	"freight_fen" bigint NOT NULL,
	"goods_fen" bigint NOT NULL,
	"valid_until" date NOT NULL,
	"payment_terms" "procurement_payment_terms" NOT NULL,
	"net_days" integer DEFAULT 0 NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "quotes_request_revision_uq" UNIQUE("request_id","revision"),
	CONSTRAINT "quotes_money" CHECK ("quotes"."freight_fen" >= 0 AND "quotes"."goods_fen" > 0 AND "quotes"."net_days" BETWEEN 0 AND 365)
);
--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "approval_threshold_fen" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "contract_lines" ADD CONSTRAINT "contract_lines_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_lines" ADD CONSTRAINT "contract_lines_variant_id_product_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "public"."product_variants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_lines" ADD CONSTRAINT "contract_lines_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_lines" ADD CONSTRAINT "contract_lines_producer_id_producers_id_fk" FOREIGN KEY ("producer_id") REFERENCES "public"."producers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_request_id_quote_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."quote_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_quote_id_quotes_id_fk" FOREIGN KEY ("quote_id") REFERENCES "public"."quotes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_accepted_by_users_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_lines" ADD CONSTRAINT "delivery_lines_delivery_id_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."deliveries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_lines" ADD CONSTRAINT "delivery_lines_contract_line_id_contract_lines_id_fk" FOREIGN KEY ("contract_line_id") REFERENCES "public"."contract_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_lines" ADD CONSTRAINT "delivery_lines_staff_user_id_users_id_fk" FOREIGN KEY ("staff_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_order_items" ADD CONSTRAINT "group_order_items_group_order_id_group_orders_id_fk" FOREIGN KEY ("group_order_id") REFERENCES "public"."group_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_order_items" ADD CONSTRAINT "group_order_items_variant_id_product_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "public"."product_variants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_order_signups" ADD CONSTRAINT "group_order_signups_item_id_group_order_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."group_order_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_order_signups" ADD CONSTRAINT "group_order_signups_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_orders" ADD CONSTRAINT "group_orders_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_orders" ADD CONSTRAINT "group_orders_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_orders" ADD CONSTRAINT "group_orders_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_orders" ADD CONSTRAINT "group_orders_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurement_invoices" ADD CONSTRAINT "procurement_invoices_delivery_id_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."deliveries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurement_invoices" ADD CONSTRAINT "procurement_invoices_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurement_payments" ADD CONSTRAINT "procurement_payments_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "procurement_payments" ADD CONSTRAINT "procurement_payments_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quote_events" ADD CONSTRAINT "quote_events_request_id_quote_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."quote_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quote_events" ADD CONSTRAINT "quote_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quote_lines" ADD CONSTRAINT "quote_lines_quote_id_quotes_id_fk" FOREIGN KEY ("quote_id") REFERENCES "public"."quotes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quote_lines" ADD CONSTRAINT "quote_lines_request_line_id_quote_request_lines_id_fk" FOREIGN KEY ("request_line_id") REFERENCES "public"."quote_request_lines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quote_request_lines" ADD CONSTRAINT "quote_request_lines_request_id_quote_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."quote_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quote_request_lines" ADD CONSTRAINT "quote_request_lines_variant_id_product_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "public"."product_variants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quote_requests" ADD CONSTRAINT "quote_requests_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quote_requests" ADD CONSTRAINT "quote_requests_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quote_requests" ADD CONSTRAINT "quote_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quote_requests" ADD CONSTRAINT "quote_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_request_id_quote_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."quote_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contract_lines_contract_idx" ON "contract_lines" USING btree ("contract_id");--> statement-breakpoint
CREATE INDEX "contracts_unit_idx" ON "contracts" USING btree ("unit_id","id");--> statement-breakpoint
CREATE INDEX "contracts_village_idx" ON "contracts" USING btree ("village_id","id");--> statement-breakpoint
CREATE INDEX "deliveries_status_date_idx" ON "deliveries" USING btree ("status","scheduled_on");--> statement-breakpoint
CREATE INDEX "delivery_lines_delivery_idx" ON "delivery_lines" USING btree ("delivery_id");--> statement-breakpoint
CREATE INDEX "group_orders_unit_idx" ON "group_orders" USING btree ("unit_id","id");--> statement-breakpoint
CREATE INDEX "group_orders_open_idx" ON "group_orders" USING btree ("closes_at") WHERE "group_orders"."status" = 'open';--> statement-breakpoint
CREATE INDEX "procurement_payments_contract_idx" ON "procurement_payments" USING btree ("contract_id");--> statement-breakpoint
CREATE INDEX "quote_events_request_idx" ON "quote_events" USING btree ("request_id","id");--> statement-breakpoint
CREATE INDEX "quote_request_lines_request_idx" ON "quote_request_lines" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "quote_requests_unit_idx" ON "quote_requests" USING btree ("unit_id","id");--> statement-breakpoint
CREATE INDEX "quote_requests_village_idx" ON "quote_requests" USING btree ("village_id","status","id");