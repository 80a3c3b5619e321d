// The OpenAPI document of /api/v1 (src/modules/api/openapi.ts), linted by Redocly's
// recommended rules, made strict (redocly.yaml: every would-be warning is an error).
// Run by `npm run lint`; alone: `node scripts/lint-openapi.ts`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApiDocument } from '../src/modules/api/openapi.ts';

const dir = mkdtempSync(join(tmpdir(), 'bangfu-openapi-'));
const file = join(dir, 'openapi.json');
writeFileSync(file, JSON.stringify(openApiDocument('https://bangfu.example')));
const result = spawnSync('node_modules/.bin/redocly', ['lint', '--config', 'redocly.yaml', '--max-problems', '100', file], {
  stdio: 'inherit',
  env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
});
rmSync(dir, { recursive: true, force: true });
process.exit(result.status === 0 ? 0 : 1);
