// `npm run lint`: Biome (lint and format check, biome.jsonc), then the dependency rules
// (.dependency-cruiser.cjs through scripts/check-dependencies.ts), then Redocly on the API's
// OpenAPI document (scripts/lint-openapi.ts). All run even when one fails, so one run lists everything; it passes only with zero findings, warnings included.
// `npx biome check --max-diagnostics=none .` lists every Biome finding (this shows the first 20).
import { spawnSync } from 'node:child_process';

const run = (command: string, args: string[]) => spawnSync(command, args, { stdio: 'inherit' }).status === 0;

const biome = run('node_modules/.bin/biome', ['check', '--error-on-warnings', '.']);
const dependencies = run(process.execPath, ['scripts/check-dependencies.ts']);
const openapi = run(process.execPath, ['scripts/lint-openapi.ts']);
process.exit(biome && dependencies && openapi ? 0 : 1);
