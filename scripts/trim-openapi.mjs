#!/usr/bin/env node
// Cuts GitHub's official OpenAPI description down to the operations our fake GitHub serves
// (test/fake-github/server.ts), plus the transitive `$ref` closure of components they use.
// The full package is 404 MB unpacked; the subset is committed so CI needs nothing extra.
//
// Regenerate:
//   cd /tmp && npm pack @octokit/openapi@23.0.2 && tar xzf octokit-openapi-23.0.2.tgz \
//     package/generated/api.github.com.json package/package.json
//   node scripts/trim-openapi.mjs /tmp/package
//
// Usage: node scripts/trim-openapi.mjs <@octokit/openapi package dir> [output file]
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** `METHOD path` pairs we serve. Order is kept in the output. */
export const OPERATIONS = [
  'GET /app',
  'POST /app/installations/{installation_id}/access_tokens',
  'GET /repos/{owner}/{repo}',
  'GET /repos/{owner}/{repo}/installation',
  'GET /repos/{owner}/{repo}/pulls/{pull_number}',
  'GET /repos/{owner}/{repo}/pulls/{pull_number}/files',
  'GET /repos/{owner}/{repo}/pulls/{pull_number}/comments',
  'POST /repos/{owner}/{repo}/pulls/{pull_number}/comments',
  'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews',
  'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews',
  'GET /repos/{owner}/{repo}/pulls/comments/{comment_id}',
  'DELETE /repos/{owner}/{repo}/pulls/comments/{comment_id}',
  'GET /repos/{owner}/{repo}/issues',
  'POST /repos/{owner}/{repo}/issues',
  'PATCH /repos/{owner}/{repo}/issues/{issue_number}',
  'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
  'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
  'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
  'DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}',
  'POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions',
  'GET /orgs/{org}/repos',
  'GET /repos/{owner}/{repo}/git/ref/{ref}',
  'GET /repos/{owner}/{repo}/git/trees/{tree_sha}',
  'GET /repos/{owner}/{repo}/contents/{path}',
  'POST /repos/{owner}/{repo}/check-runs',
  'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}',
  'GET /repos/{owner}/{repo}/commits/{ref}/check-runs',
  'POST /repos/{owner}/{repo}/statuses/{sha}',
  'GET /repos/{owner}/{repo}/collaborators/{username}/permission',
  // "List pull requests associated with a commit"; optional: skipped if the spec lacks it.
  'GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls',
];
const OPTIONAL = new Set(['GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls']);

const SOURCE_VERSION = '23.0.2';

async function main(argv) {
  const packageDir = argv[0];
  if (!packageDir) {
    console.error('usage: node scripts/trim-openapi.mjs <@octokit/openapi package dir> [output file]');
    return 2;
  }
  const output = resolve(argv[1] ?? 'test/fake-github/spec/api.github.com.subset.json');
  const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  const full = JSON.parse(readFileSync(join(packageDir, 'generated', 'api.github.com.json'), 'utf8'));
  if (pkg.version !== SOURCE_VERSION) {
    console.warn(`warning: expected @octokit/openapi@${SOURCE_VERSION}, got ${pkg.version}; update SOURCE_VERSION`);
  }
  const subset = trim(full, `@octokit/openapi@${pkg.version} generated/api.github.com.json`);
  // Formatted by the repository's prettier so `prettier --check .` and a regeneration agree.
  const prettier = await import('prettier');
  const config = (await prettier.resolveConfig(output)) ?? {};
  const options = { ...config, filepath: output };
  // Prettier keeps objects expanded that were expanded in its input, so one pass over
  // JSON.stringify's layout is not yet its own fixed point; the second pass is.
  const text = await prettier.format(await prettier.format(JSON.stringify(subset, null, 2), options), options);
  writeFileSync(output, text);
  const kb = Math.round(Buffer.byteLength(text) / 1024);
  const components = Object.values(subset.components).reduce((n, group) => n + Object.keys(group).length, 0);
  console.log(`wrote ${output}: ${countOperations(subset)} operations, ${components} components, ${kb} KB`);
  return 0;
}

export function trim(full, source) {
  const paths = {};
  for (const entry of OPERATIONS) {
    const [method, path] = entry.split(' ');
    const operation = full.paths[path]?.[method.toLowerCase()];
    if (!operation) {
      if (OPTIONAL.has(entry)) continue;
      throw new Error(`operation not found in the spec: ${entry}`);
    }
    paths[path] ??= {};
    if (full.paths[path].parameters) paths[path].parameters = full.paths[path].parameters;
    paths[path][method.toLowerCase()] = operation;
  }

  // Walk every reachable `$ref` ("#/components/<group>/<name>") until no new ones appear.
  const components = {};
  const pending = [paths];
  while (pending.length > 0) {
    for (const ref of collectRefs(pending.pop())) {
      const match = /^#\/components\/(?<group>[^/]+)\/(?<name>[^/]+)$/.exec(ref);
      if (!match?.groups) throw new Error(`unsupported $ref: ${ref}`);
      const { group, name } = match.groups;
      if (components[group]?.[name]) continue;
      const target = full.components[group]?.[name];
      if (!target) throw new Error(`dangling $ref: ${ref}`);
      components[group] ??= {};
      components[group][name] = target;
      pending.push(target);
    }
  }
  const sorted = {};
  for (const group of Object.keys(components).sort()) {
    sorted[group] = Object.fromEntries(Object.entries(components[group]).sort(([a], [b]) => a.localeCompare(b)));
  }

  const usedTags = new Set(Object.values(paths).flatMap((item) => Object.values(item).flatMap((op) => op.tags ?? [])));
  return {
    openapi: full.openapi,
    info: { ...full.info, 'x-source': source },
    tags: (full.tags ?? []).filter((tag) => usedTags.has(tag.name)),
    servers: full.servers,
    externalDocs: full.externalDocs,
    paths,
    components: sorted,
  };
}

function collectRefs(node, found = new Set()) {
  if (Array.isArray(node)) {
    for (const item of node) collectRefs(item, found);
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') found.add(value);
      else collectRefs(value, found);
    }
  }
  return found;
}

function countOperations(spec) {
  return Object.values(spec.paths).reduce(
    (n, item) => n + Object.keys(item).filter((key) => key !== 'parameters').length,
    0,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await main(process.argv.slice(2));
}
