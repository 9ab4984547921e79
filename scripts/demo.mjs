// `npm run demo`: the bundled Action (dist/index.js) against the fake GitHub on the example PR in demo/
// (examples/ plus the changed files in demo/changes). Prints what was posted and writes demo/out/preview.html, the summary and the
// review rendered with GitHub's Markdown CSS. The Action's own exit status is printed, not propagated.
// Options: --quiet (shorter excerpts), --out <dir> (instead of demo/out).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadFakes } from './demo-fake.mjs';
import { renderPreview } from './demo-preview.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const DIST = path.join(root, 'dist/index.js');
const outAt = process.argv.indexOf('--out');
const OUT = outAt > 0 ? path.resolve(process.argv[outAt + 1] ?? '') : path.join(root, 'demo/out');
const REPO = 'contoso/infra';
const TITLE = 'Add the analytics and batch clusters, migrate payments to Azure CNI Overlay';
const quiet = process.argv.includes('--quiet');

/** Every file under `dir`, by its path relative to `dir` (with `/`). */
function readTree(dir, prefix = '') {
  const files = {};
  for (const entry of readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) Object.assign(files, readTree(dir, relative));
    else files[relative] = readFileSync(path.join(dir, relative), 'utf8');
  }
  return files;
}

/**
 * True when src/ differs from the last commit: then the committed dist/ (which CI proves is what the
 * committed src/ builds) may not show it. Modification times cannot tell this: a fresh clone sets them all.
 */
function sourceChangedSinceCommit() {
  const result = spawnSync('git', ['status', '--porcelain', '--', 'src'], { cwd: root, encoding: 'utf8' });
  return result.status === 0 && result.stdout.trim() !== '';
}

function ensureBundle() {
  if (!existsSync(DIST)) {
    console.log('dist/index.js is missing: bundling it (npm run bundle) …');
    const result = spawnSync(process.execPath, [path.join(root, 'scripts/bundle.mjs')], { stdio: 'inherit' });
    if (result.status !== 0) throw new Error('npm run bundle failed');
  } else if (sourceChangedSinceCommit()) {
    console.log(
      'note: src/ has uncommitted changes that dist/index.js may not have; run `npm run bundle` to demo them.\n',
    );
  }
}

const bold = (text) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[22m` : text);
const dim = (text) => (process.stdout.isTTY ? `\x1b[2m${text}\x1b[22m` : text);

/** The first `count` non-empty lines of a Markdown body, without our hidden HTML comments. */
function firstLines(body, count) {
  const lines = body
    .replace(/<!--[\s\S]*?-->/g, '')
    .split('\n')
    .filter((line) => line.trim() !== '');
  const shown = lines.slice(0, count).map((line) => `    ${line.length > 150 ? `${line.slice(0, 149)}…` : line}`);
  if (lines.length > count) {
    const more = lines.length - count;
    shown.push(dim(`    … ${more} more line${more === 1 ? '' : 's'}`));
  }
  return shown.join('\n');
}

/** `::error title=…,file=…,line=…::message` workflow commands from the Action's stdout. */
function annotations(stdout) {
  const found = [];
  for (const line of stdout.split('\n')) {
    const match = /^::(?<level>error|warning|notice)(?: (?<props>[^:]*))?::(?<message>.*)$/.exec(line);
    if (!match?.groups) continue;
    const props = Object.fromEntries(
      (match.groups.props ?? '')
        .split(',')
        .filter(Boolean)
        .map((pair) => {
          const at = pair.indexOf('=');
          return [pair.slice(0, at), decodeURIComponent(pair.slice(at + 1).replaceAll('%2C', ','))];
        }),
    );
    const message = match.groups.message.replaceAll('%0A', ' ').replaceAll('%25', '%');
    found.push({ level: match.groups.level, ...props, message });
  }
  return found;
}

async function main() {
  ensureBundle();
  const { startFakeGitHub, runAction, pullRequestEvent } = await loadFakes();
  // The PR: its base is the bundled example repository, its head that plus the files in demo/changes.
  const baseFiles = readTree(path.join(root, 'examples'));
  const headFiles = { ...baseFiles, ...readTree(path.join(root, 'demo/changes')) };

  const fake = await startFakeGitHub({ validateResponses: true });
  try {
    fake.createRepo(REPO);
    fake.addToken('ghs_action', { login: 'github-actions[bot]', type: 'Bot', write: true, appId: 15368 });
    const removed = Object.fromEntries(Object.keys(baseFiles).map((file) => [file, null]));
    const base = fake.commit(REPO, baseFiles);
    const head = fake.commit(REPO, { ...removed, ...headFiles }, base);
    const number = fake.openPull(REPO, { base, head, user: 'dev', title: TITLE, headRef: 'aks-network-updates' });
    const changed = fake.pullFiles(REPO, number);

    const run = await runAction(fake, REPO, {
      event: 'pull_request',
      payload: pullRequestEvent(fake, REPO, number, head, base),
    });

    const { reviews, reviewComments, issueComments } = fake.state;
    const summary = issueComments[0];
    const out = [];
    out.push(bold(`aks-netguide demo: ${REPO}#${number} "${TITLE}"`));
    out.push(
      `${changed.length} files changed: ${changed.map((file) => `${file.filename} (${file.status})`).join(', ')}`,
    );
    out.push('');
    out.push(bold(`Review (${reviews.length}): ${reviewComments.length} inline comments`));
    for (const review of reviews) {
      if (review.body.trim() !== '') out.push(firstLines(review.body, 3));
    }
    for (const comment of reviewComments) {
      const lines = comment.startLine === undefined ? `${comment.line}` : `${comment.startLine}-${comment.line}`;
      out.push(`  ${bold(`${comment.path}:${lines}`)}`);
      out.push(firstLines(comment.body, quiet ? 2 : 3));
    }
    out.push('');
    out.push(bold(`Sticky summary comment (${issueComments.length}): ${summary?.body.length ?? 0} characters`));
    if (summary) out.push(firstLines(summary.body, quiet ? 5 : 14));
    out.push('');
    const found = annotations(run.stdout);
    out.push(bold(`Annotations (${found.length})`));
    for (const note of found) {
      const where = note.file === undefined ? '' : `${note.file}:${note.line ?? ''} `;
      const text = note.title === undefined ? note.message : `${note.title}: ${note.message}`;
      out.push(`  ${note.level.padEnd(7)} ${where}${text.length > 140 ? `${text.slice(0, 139)}…` : text}`);
    }
    out.push('');
    out.push(
      bold(`Action exit code: ${run.code}`) +
        (run.code === 1 ? ' (fail-on: error — the required check fails; expected for this PR)' : ''),
    );
    out.push(`Outputs: findings=${run.outputs.findings} errors=${run.outputs.errors} warnings=${run.outputs.warnings}`);
    if (run.stderr.trim() !== '') out.push(`stderr:\n${run.stderr.trim()}`);
    const byOperation = new Map();
    for (const request of fake.requests) {
      const key = `${request.method} ${request.operationId ?? request.route ?? request.path}`;
      byOperation.set(key, (byOperation.get(key) ?? 0) + 1);
    }
    out.push(bold(`API requests: ${fake.requests.length} in ${run.ms} ms`));
    for (const [key, count] of [...byOperation].sort((a, b) => b[1] - a[1]))
      out.push(`  ${String(count).padStart(3)}  ${key}`);
    if (fake.responseErrors.length > 0) out.push(`fake GitHub response errors:\n  ${fake.responseErrors.join('\n  ')}`);

    mkdirSync(OUT, { recursive: true });
    const file = path.join(OUT, 'preview.html');
    writeFileSync(
      file,
      renderPreview({
        repo: REPO,
        number,
        title: TITLE,
        headRef: 'aks-network-updates',
        changedFiles: changed.length,
        summary,
        reviews,
        comments: reviewComments,
        headFiles,
        exitCode: run.code,
      }),
    );
    writeFileSync(path.join(OUT, 'summary.md'), summary?.body ?? '');
    writeFileSync(path.join(OUT, 'review.json'), `${JSON.stringify({ reviews, comments: reviewComments }, null, 2)}\n`);
    out.push('');
    out.push(`Preview: ${path.relative(process.cwd(), file)} (open it in a browser)`);
    console.log(out.join('\n'));
  } finally {
    await fake.close();
  }
}

await main();
