// Which Chromium the browser tests drive: CHROMIUM_PATH, then the system's
// /usr/bin/chromium, then a browser Playwright has already installed. With
// none of these (an ordinary laptop), Playwright's own Chromium is installed once.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { testEnv } from './env.ts';

export function findChromium(): string | undefined {
  const candidates = [testEnv.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  for (const path of candidates) if (path && existsSync(path)) return path;
  try {
    const own = chromium.executablePath();
    if (own && existsSync(own)) return own;
  } catch {
    // no Playwright browser installed
  }
  return undefined;
}

export function ensureChromium(): string {
  const found = findChromium();
  if (found) return found;
  console.log('No Chromium found: installing Playwright’s Chromium (one time)…');
  execFileSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit' });
  const installed = findChromium();
  if (!installed) throw new Error('Chromium could not be installed; set CHROMIUM_PATH to a Chromium or Chrome executable.');
  return installed;
}

// Flags for a headless run in a container with a closed network.
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
