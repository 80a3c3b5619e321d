// The dependency rules (.dependency-cruiser.cjs, run by `npm run lint`) on a tree built to break
// each of them once, beside files that follow them: each rule must flag exactly what was planted.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDependencies } from '../../scripts/check-dependencies.ts';

describe('the dependency rules can fail', () => {
  it('flag every planted violation, and nothing else', async () => {
    const violations = await checkDependencies(resolve(import.meta.dirname, 'fixtures/house'));
    const found = violations.map((v) => (v.cycle ? `${v.rule}: ${v.cycle.join(' → ')}` : `${v.rule}: ${v.from} → ${v.to}`));
    expect(found.toSorted()).toEqual(
      [
        'edge-imports-db-client: src/actions/orders.ts → db/client.ts',
        'edge-imports-db-client: src/pages/index.astro → db/client.ts',
        'edge-imports-drizzle: src/pages/index.astro → node_modules/drizzle-orm/index.d.ts',
        'edge-imports-schema: src/actions/orders.ts → db/schema/orders.ts',
        'edge-imports-schema: src/pages/index.astro → db/schema/orders.ts',
        'lib-not-pure: src/lib/money.ts → src/modules/catalog/restock.server.ts',
        'module-imports-astro: src/modules/catalog/products.server.ts → node_modules/astro/dist/index.js',
        'module-imports-edge: src/modules/catalog/products.server.ts → src/actions/index.ts',
        'module-layers: src/modules/payments/refund.server.ts → src/modules/orders/pay.server.ts',
        'module-schema-owners: src/modules/cart/cart.server.ts → db/schema/index.ts',
        'module-schema-owners: src/modules/ledger/entries.server.ts → db/schema/orders.ts',
        'module-unknown-layer: src/modules/mystery/thing.server.ts → src/lib/money.ts',
        'no-circular: src/modules/orders/pay.server.ts → src/modules/payments/refund.server.ts → src/modules/orders/pay.server.ts',
        'no-circular-folders: src/modules/orders → src/modules/payments → src/modules/orders',
        'no-circular-folders: src/modules/payments → src/modules/orders → src/modules/payments',
        'no-orphans: src/modules/orders/unused.ts → src/modules/orders/unused.ts',
        'no-unreachable: src/modules/orders/dead.server.ts → src/modules/orders/dead.server.ts',
        'no-unreachable: src/modules/orders/unused.ts → src/modules/orders/unused.ts',
      ].toSorted(),
    );
  });
});
