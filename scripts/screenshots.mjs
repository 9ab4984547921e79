// `npm run screenshots` (not part of CI): runs the demo, then Debian's Chromium headless on its preview to
// write the README pictures docs/images/summary.png and docs/images/review-comment.png.
// Needs /usr/bin/chromium (`apt-get install chromium`; CHROMIUM=/path/to/chrome overrides) and, for the
// emoji in the comments, a colour emoji font (`apt-get install fonts-noto-color-emoji`).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CHROMIUM, screenshot } from './chromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const IMAGES = path.join(root, 'docs/images');
const PREVIEW = pathToFileURL(path.join(root, 'demo/out/preview.html')).href;
const WIDTH = 1200;
const SHOTS = [
  { file: 'summary.png', part: 'summary', height: 1430 },
  { file: 'review-comment.png', part: 'comments', height: 1230 },
];

if (!existsSync(CHROMIUM)) {
  console.error(
    `${CHROMIUM} is missing. The screenshots are taken with Debian's Chromium: install it with\n` +
      '  sudo apt-get install -y chromium fonts-noto-color-emoji\n' +
      'or point CHROMIUM at another Chromium/Chrome binary.',
  );
  process.exit(1);
}
const fonts = spawnSync('fc-list', [':', 'family'], { encoding: 'utf8' });
if (fonts.status === 0 && !/emoji/i.test(fonts.stdout)) {
  console.warn('warning: no colour emoji font (fonts-noto-color-emoji); the emoji in the comments will be boxes.');
}

const demo = spawnSync(process.execPath, [path.join(root, 'scripts/demo.mjs'), '--quiet'], { stdio: 'inherit' });
if (demo.status !== 0) process.exit(demo.status ?? 1);

mkdirSync(IMAGES, { recursive: true });
for (const shot of SHOTS) {
  const output = path.join(IMAGES, shot.file);
  const kb = screenshot(`${PREVIEW}?part=${shot.part}`, output, WIDTH, shot.height);
  console.log(
    `wrote ${path.relative(root, output)} (${WIDTH}×${shot.height}, ${kb} KB)${kb > 300 ? ' — over 300 KB' : ''}`,
  );
}
