CREATE TABLE "sign_up_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"secret_hash" "bytea",
	"email" text NOT NULL,
	"display_name" text NOT NULL,
	"mobile" text,
	"password_hash" text NOT NULL,
	"next" text,
	"locale" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "sign_up_requests_expires_idx" ON "sign_up_requests" USING btree ("expires_at");