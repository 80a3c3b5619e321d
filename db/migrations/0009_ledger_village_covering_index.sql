-- The village report reads one village's year, ~40 000 entries for a busy
-- village in a 10-million-entry ledger. Entries are appended in time order, so
-- those rows sit one per heap page: every breakdown read ~22 000 pages and the
-- report took ~1 s (npm run bench:report). With the columns the report and the
-- entries export need carried in the index (INCLUDE; drizzle-kit cannot express
-- it, hence this custom migration under the schema's own index name), they are
-- index-only scans over a few hundred contiguous leaf pages: ~150 ms.
-- The ledger is append-only, so the visibility map stays set and index-only
-- scans need (almost) no heap visits.
DROP INDEX IF EXISTS "ledger_village_time_idx";--> statement-breakpoint
CREATE INDEX "ledger_village_time_idx" ON "ledger_entries" USING btree ("village_id", "occurred_at")
  INCLUDE ("id", "channel", "amount_fen", "quantity", "grams", "product_id", "variant_id", "producer_id", "unit_id", "source_kind", "source_id", "self_reported");
