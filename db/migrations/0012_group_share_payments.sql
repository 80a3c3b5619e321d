CREATE TABLE "group_share_payments" (
	"id" serial PRIMARY KEY NOT NULL,
	"group_order_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"amount_fen" bigint NOT NULL,
	"stripe_session_id" text NOT NULL,
	"stripe_payment_intent_id" text,
	"paid_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "group_share_payments_stripe_session_id_unique" UNIQUE("stripe_session_id"),
	CONSTRAINT "group_share_payments_amount" CHECK ("group_share_payments"."amount_fen" > 0)
);
--> statement-breakpoint
ALTER TABLE "group_share_payments" ADD CONSTRAINT "group_share_payments_group_order_id_group_orders_id_fk" FOREIGN KEY ("group_order_id") REFERENCES "public"."group_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_share_payments" ADD CONSTRAINT "group_share_payments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "group_share_payments_person_idx" ON "group_share_payments" USING btree ("group_order_id","user_id");