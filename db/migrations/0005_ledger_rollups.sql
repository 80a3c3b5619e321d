CREATE TABLE "ledger_monthly_unit" (
	"month" date NOT NULL,
	"unit_id" integer NOT NULL,
	"village_id" integer NOT NULL,
	"channel" "ledger_channel" NOT NULL,
	"amount_fen" bigint NOT NULL,
	"quantity" bigint NOT NULL,
	"grams" bigint NOT NULL,
	"entries" integer NOT NULL,
	CONSTRAINT "ledger_monthly_unit_month_unit_id_village_id_channel_pk" PRIMARY KEY("month","unit_id","village_id","channel")
);
--> statement-breakpoint
CREATE TABLE "ledger_monthly_village" (
	"month" date NOT NULL,
	"village_id" integer NOT NULL,
	"channel" "ledger_channel" NOT NULL,
	"category_id" integer NOT NULL,
	"amount_fen" bigint NOT NULL,
	"quantity" bigint NOT NULL,
	"grams" bigint NOT NULL,
	"entries" integer NOT NULL,
	CONSTRAINT "ledger_monthly_village_month_village_id_channel_category_id_pk" PRIMARY KEY("month","village_id","channel","category_id")
);
--> statement-breakpoint
ALTER TABLE "ledger_monthly_unit" ADD CONSTRAINT "ledger_monthly_unit_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_monthly_unit" ADD CONSTRAINT "ledger_monthly_unit_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_monthly_village" ADD CONSTRAINT "ledger_monthly_village_village_id_villages_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."villages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Monthly sums follow the ledger in the same transaction: one upsert per
-- statement (a checkout's lines arrive in one INSERT). Months are Shanghai
-- months: UTC+8 all year, so no time-zone data is needed.
CREATE FUNCTION ledger_entries_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO ledger_monthly_village AS r (month, village_id, channel, category_id, amount_fen, quantity, grams, entries)
  SELECT date_trunc('month', (n.occurred_at AT TIME ZONE 'UTC') + interval '8 hours')::date, n.village_id, n.channel,
         coalesce(p.category_id, 0), sum(n.amount_fen), sum(n.quantity), sum(n.grams), count(*)
  FROM new_rows n LEFT JOIN products p ON p.id = n.product_id
  GROUP BY 1, 2, 3, 4
  ORDER BY 1, 2, 3, 4
  ON CONFLICT (month, village_id, channel, category_id) DO UPDATE
    SET amount_fen = r.amount_fen + excluded.amount_fen, quantity = r.quantity + excluded.quantity,
        grams = r.grams + excluded.grams, entries = r.entries + excluded.entries;
  INSERT INTO ledger_monthly_unit AS r (month, unit_id, village_id, channel, amount_fen, quantity, grams, entries)
  SELECT date_trunc('month', (n.occurred_at AT TIME ZONE 'UTC') + interval '8 hours')::date, n.unit_id, n.village_id, n.channel,
         sum(n.amount_fen), sum(n.quantity), sum(n.grams), count(*)
  FROM new_rows n WHERE n.unit_id IS NOT NULL
  GROUP BY 1, 2, 3, 4
  ORDER BY 1, 2, 3, 4
  ON CONFLICT (month, unit_id, village_id, channel) DO UPDATE
    SET amount_fen = r.amount_fen + excluded.amount_fen, quantity = r.quantity + excluded.quantity,
        grams = r.grams + excluded.grams, entries = r.entries + excluded.entries;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER ledger_entries_rollup AFTER INSERT ON ledger_entries
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_rollup();
