// Debian's Chromium, headless, for the README screenshots (scripts/screenshots.mjs and
// scripts/inventory-screenshots.mjs). The flags are the ones this machine needs: no sandbox as root, and no
// background networking, whose connections the closed network refuses.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** Writes a `width`×`height` PNG of `url` to `output`; returns its size in KB, throws when Chromium fails. */
export function screenshot(url, output, width, height) {
  const profile = mkdtempSync(path.join(tmpdir(), 'netguide-chromium-'));
  try {
    const result = spawnSync(
      CHROMIUM,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--hide-scrollbars',
        `--user-data-dir=${profile}`,
        `--window-size=${width},${height}`,
        `--screenshot=${output}`,
        url,
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    if (result.status !== 0 || !existsSync(output)) {
      console.error(result.stderr);
      throw new Error(`chromium failed for ${path.basename(output)} (exit ${result.status ?? result.signal})`);
    }
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  return Math.round(statSync(output).size / 1024);
}
