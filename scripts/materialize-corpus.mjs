#!/usr/bin/env node
// Writes the files of the labelled real-world corpus (test/accuracy/manifest.json) from local git mirrors of the
// public repositories it names, at the commits it pins, into bench/.out/real-corpus/<owner>+<name>/ (gitignored).
// No third-party file is committed to this repository: only the manifest (repo, commit, path, line, expected model).
//
// Mirrors are bare git directories found under $NETGUIDE_MIRRORS (default /work/.mirror), as
// <owner>+<name>/<...>/HEAD (the git directory may be nested). A repository whose mirror or commit is missing is
// reported with the fetch to run, and the script exits 1.
//
// Usage: node scripts/materialize-corpus.mjs [--force] [--repo owner/name]
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const MANIFEST = join(ROOT, 'test', 'accuracy', 'manifest.json');
export const OUT = join(ROOT, 'bench', '.out', 'real-corpus');
const MIRRORS = process.env.NETGUIDE_MIRRORS ?? '/work/.mirror';
/** Blobs we never need: media and archives (snapshots also lack files of 4 MiB and more). */
const SKIP =
  /\.(?:png|jpe?g|gif|svg|ico|bmp|webp|pdf|zip|gz|tgz|tar|7z|mp4|mov|webm|woff2?|ttf|eot|drawio|vsdx?|pptx?|docx?|xlsx?|exe|dll|so|dylib|jar|bin)$/i;
const MAX_BYTES = 2 * 1024 * 1024;

export function loadManifest() {
  return JSON.parse(readFileSync(MANIFEST, 'utf8'));
}

export function repoDir(repo) {
  return join(OUT, repo.replace('/', '+'));
}

/** The bare git directory of a mirror: the shallowest folder under <owner>+<name>/ holding HEAD and objects/. */
export function findGitDir(repo) {
  const base = join(MIRRORS, repo.replace('/', '+'));
  if (!existsSync(base)) return undefined;
  let level = [base];
  for (let depth = 0; depth < 4 && level.length > 0; depth++) {
    const next = [];
    for (const dir of level) {
      if (existsSync(join(dir, 'HEAD')) && existsSync(join(dir, 'objects'))) return dir;
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory() && entry.name !== 'objects' && entry.name !== 'refs') next.push(join(dir, entry.name));
      }
    }
    level = next;
  }
  return undefined;
}

function git(gitDir, args, options = {}) {
  return execFileSync('git', ['--git-dir', gitDir, ...args], { maxBuffer: 1 << 28, ...options });
}

function hasCommit(gitDir, commit) {
  try {
    git(gitDir, ['cat-file', '-e', `${commit}^{commit}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Blobs (path, sha) of the commit under the include paths, minus media and oversized files. */
function listBlobs(gitDir, commit, include) {
  const out = git(gitDir, ['ls-tree', '-r', '-l', '-z', commit, '--', ...(include ?? [])]).toString('utf8');
  const blobs = [];
  for (const record of out.split('\0')) {
    if (!record) continue;
    const tab = record.indexOf('\t');
    const [mode, type, sha, size] = record.slice(0, tab).split(/\s+/);
    const path = record.slice(tab + 1);
    if (type !== 'blob' || mode === '120000' || SKIP.test(path)) continue;
    if (size !== '-' && Number(size) > MAX_BYTES) continue;
    blobs.push({ path, sha });
  }
  return blobs;
}

/** Streams the blobs through one `git cat-file --batch` and writes those that are present. */
function writeBlobs(gitDir, blobs, target) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('git', ['--git-dir', gitDir, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'inherit'] });
    let buffer = Buffer.alloc(0);
    let index = 0;
    let written = 0;
    let missing = 0;
    child.stdout.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const newline = buffer.indexOf(10);
        if (newline < 0) return;
        const header = buffer.subarray(0, newline).toString('utf8');
        if (header.endsWith(' missing')) {
          buffer = buffer.subarray(newline + 1);
          index++;
          missing++;
          continue;
        }
        const size = Number(header.split(' ')[2]);
        if (buffer.length < newline + 1 + size + 1) return;
        const content = buffer.subarray(newline + 1, newline + 1 + size);
        buffer = buffer.subarray(newline + 1 + size + 1);
        const blob = blobs[index++];
        const file = normalize(join(target, blob.path));
        if (!file.startsWith(target + sep)) continue; // never outside the target
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, content);
        written++;
      }
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolvePromise({ written, missing }) : reject(new Error(`git cat-file exited ${code}`)),
    );
    child.stdin.end(blobs.map((blob) => blob.sha).join('\n') + '\n');
  });
}

/** Materializes every repository of the manifest; returns the problems (missing mirrors or commits). */
export async function materialize({ force = false, only, log = (line) => process.stderr.write(line + '\n') } = {}) {
  const manifest = loadManifest();
  const problems = [];
  for (const entry of manifest.repos) {
    if (only && entry.repo !== only) continue;
    const target = repoDir(entry.repo);
    const stamp = join(target, '.netguide-corpus-commit');
    const wanted = `${entry.commit} ${JSON.stringify(entry.include ?? null)}`;
    if (!force && existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) continue;
    const gitDir = findGitDir(entry.repo);
    if (!gitDir) {
      problems.push(`${entry.repo}: no mirror under ${MIRRORS}; run the fetch tool with github:${entry.repo}`);
      continue;
    }
    if (!hasCommit(gitDir, entry.commit)) {
      problems.push(
        `${entry.repo}: commit ${entry.commit} is not in ${gitDir}; fetch github:${entry.repo} again (a newer snapshot may lack it)`,
      );
      continue;
    }
    rmSync(target, { recursive: true, force: true });
    mkdirSync(target, { recursive: true });
    const blobs = listBlobs(gitDir, entry.commit, entry.include);
    const { written, missing } = await writeBlobs(gitDir, blobs, target);
    writeFileSync(stamp, wanted);
    log(
      `materialized ${entry.repo}@${entry.commit.slice(0, 10)}: ${written} files${missing ? `, ${missing} absent from the snapshot` : ''}`,
    );
  }
  return problems;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const repoFlag = args.indexOf('--repo');
  const problems = await materialize({
    force: args.includes('--force'),
    only: repoFlag >= 0 ? args[repoFlag + 1] : undefined,
  });
  if (problems.length > 0) {
    process.stderr.write(`\nCannot materialize ${problems.length} repositories:\n  ${problems.join('\n  ')}\n`);
    process.exitCode = 1;
  } else if (existsSync(OUT)) {
    process.stderr.write(
      `corpus ready in ${OUT} (${statSync(OUT).isDirectory() ? readdirSync(OUT).length : 0} repositories)\n`,
    );
  }
}
