import { describe, expect, it } from 'vitest';
import { ownersOf, parseCodeowners } from './codeowners.js';

// GitHub's own examples (docs.github.com, "About code owners", example CODEOWNERS file).
const GITHUB_EXAMPLE = `# This is a comment.
*       @global-owner1 @global-owner2
*.js    @js-owner #This is an inline comment.
*.go docs@example.com
*.txt @octo-org/octocats
/build/logs/ @doctocat
docs/*  docs@example.com
apps/ @octocat
/docs/ @doctocat
/scripts/ @doctocat @octocat
**/logs @octocat
/apps/ @octocat
/apps/github
/another/ @octocat
/another/path/ @foo
`;

describe('CODEOWNERS', () => {
  const codeowners = parseCodeowners(GITHUB_EXAMPLE);

  it.each([
    ['README.md', ['@global-owner1', '@global-owner2']],
    ['src/index.js', ['@js-owner']],
    ['main.go', ['docs@example.com']],
    ['notes/a.txt', ['@octo-org/octocats']],
    // /build/logs/ @doctocat, then **/logs @octocat further down: the later rule wins.
    ['build/logs/app.log', ['@octocat']],
    // `docs/*` owns docs/getting-started.md; /docs/ (later) wins for everything under docs/.
    ['docs/getting-started.md', ['@doctocat']],
    ['docs/build-app/troubleshooting.md', ['@doctocat']],
    ['scripts/deploy.sh', ['@doctocat', '@octocat']],
    ['deep/down/logs/x.tf', ['@octocat']],
    // A rule without owners clears ownership.
    ['apps/github/main.tf', []],
    ['apps/web/main.tf', ['@octocat']],
    // The last matching pattern wins.
    ['another/path/main.tf', ['@foo']],
    ['another/main.tf', ['@octocat']],
  ])('%s is owned by %j (the last matching rule)', (path, owners) => {
    expect(ownersOf(codeowners, path)).toEqual(owners);
  });

  it.each([
    ['docs/* matches the files of docs/, not deeper', 'docs/* @a', 'docs/x/y.tf', undefined],
    ['docs/* matches a file directly in docs/', 'docs/* @a', 'docs/y.tf', ['@a']],
    ['an unanchored name matches a folder at any depth', 'infra @a', 'x/infra/main.tf', ['@a']],
    ['a pattern with a slash inside is anchored', 'infra/aks @a', 'x/infra/aks/main.tf', undefined],
    ['** spans folders', '/infra/**/main.tf @a', 'infra/a/b/main.tf', ['@a']],
    ['** spans no folder too', '/infra/**/main.tf @a', 'infra/main.tf', ['@a']],
    ['a directory pattern does not match a file of that name', 'main.tf/ @a', 'main.tf', undefined],
    ['? is one character', 'env?.tf @a', 'env1.tf', ['@a']],
    ['dots are literal', '*.tf @a', 'maintfx', undefined],
    ['no rule matches', '/infra/ @a', 'apps/main.tf', undefined],
  ])('%s', (_name, text, path, owners) => {
    expect(ownersOf(parseCodeowners(text), path)).toEqual(owners);
  });

  it.each([
    ['!negated @a', 'negation ("!negated") does not work in CODEOWNERS'],
    ['*.[ch] @a', 'character ranges ("*.[ch]") do not work in CODEOWNERS'],
    ['\\#file @a', 'an escaped "#" ("\\#file") does not work in CODEOWNERS'],
    ['*.tf not-an-owner', '"not-an-owner" is not a user, team or email'],
  ])('skips the line GitHub rejects: %s', (line, message) => {
    const parsed = parseCodeowners(`*.tf @a\n${line}\n`);

    expect(parsed.errors).toEqual([{ line: 2, message }]);
    expect(parsed.rules.map((rule) => rule.pattern)).toEqual(['*.tf']);
  });

  it('matches hostile patterns without compiling them to regular expressions (wildcards, globstars, long paths)', () => {
    // Arrange: patterns that make a backtracking regex engine take exponential or polynomial time
    const codeowners = parseCodeowners(
      ['*a*a*a*a*a*a*a*a*a*a*a*a*b @slow', '**/**/**/**/**/**/**/z/** @stars', '/deep/**/leaf.tf @deep'].join('\n'),
    );
    const long = 'a'.repeat(20_000);
    const deep = `deep/${Array.from({ length: 2_000 }, () => 'x').join('/')}/leaf.tf`;

    // Act + Assert
    expect(ownersOf(codeowners, long)).toBeUndefined();
    expect(ownersOf(codeowners, `${long}b`)).toEqual(['@slow']);
    expect(ownersOf(codeowners, `${'y/'.repeat(3_000)}q`)).toBeUndefined();
    expect(ownersOf(codeowners, 'y/y/z/file.tf')).toEqual(['@stars']);
    expect(ownersOf(codeowners, deep)).toEqual(['@deep']);
  });
});
