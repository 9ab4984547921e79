import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const DEMO = fileURLToPath(new URL('../scripts/demo.mjs', import.meta.url));
const out = mkdtempSync(path.join(tmpdir(), 'netguide-demo-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('npm run demo', () => {
  it(
    'runs the Action on the example PR, prints what was posted and writes the preview',
    { timeout: 30_000 },
    async () => {
      // Resolves only on exit 0: the Action's own exit 1 is printed, not propagated.
      const { stdout } = await promisify(execFile)(process.execPath, [DEMO, '--quiet', '--out', out], {
        timeout: 30_000,
        env: { ...process.env, NO_COLOR: '1' },
      });
      expect(stdout).toMatch(/Action exit code: 1/);
      expect(stdout).toMatch(/analytics\/main\.tf:\d+/);
      expect(stdout).toMatch(/API requests: \d+/);

      const html = readFileSync(path.join(out, 'preview.html'), 'utf8');
      expect(html).toMatch(/class="[^"]*\bmarkdown-body\b/);
      expect(html).not.toMatch(/<link |src="https?:/); // the page needs no network
      // The sticky summary, rendered (not raw Markdown) …
      expect(html).toMatch(/<h3[^>]*>aks-netguide: AKS network review<\/h3>/);
      expect(html).toMatch(/<table>[\s\S]*kubenet → <strong>Azure CNI Overlay<\/strong>/);
      // … and the inline comments, each under its file:line header, with a suggestion where one was posted.
      expect(html).toMatch(/<span class="path">analytics\/main\.tf<\/span><span class="muted">line \d+<\/span>/);
      expect(html).toContain('Suggested change');
      expect(html).toContain('kubenet-retirement');
    },
  );
});
