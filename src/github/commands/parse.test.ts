import { describe, expect, it } from 'vitest';
import { MAX_COMMANDS_PER_COMMENT, parseCommands, parseOptions } from './parse.js';

describe('parseCommands', () => {
  it.each([
    { body: '/netguide help', names: ['help'] },
    { body: '/netguide', names: ['help'] },
    { body: '  /netguide Explain kubenet  ', names: ['explain'] },
    { body: 'Thanks!\n/netguide compare\r\n/netguide plan --nodes 3', names: ['compare', 'plan'] },
    { body: 'please run /netguide help', names: [] },
    { body: '> /netguide help', names: [] },
    { body: '```\n/netguide help\n```', names: [] },
    { body: '~~~\n/netguide help\n~~~\n/netguide compare', names: ['compare'] },
    { body: '/netguidehelp', names: [] },
    { body: 'See:\n\n    /netguide recheck\n\n/netguide help', names: ['help'] },
    { body: '\t/netguide recheck', names: [] },
    { body: '```\n~~~\n/netguide recheck\n```\n/netguide help', names: ['help'] },
    { body: '````\n```\n/netguide recheck\n````', names: [] },
    { body: '<details>\n<summary>log</summary>\n\n/netguide recheck\n</details>\n/netguide help', names: ['help'] },
    { body: '<!-- /netguide recheck -->\n<!--\n/netguide recheck\n-->\n/netguide help', names: ['help'] },
    { body: `/netguide ${'x'.repeat(600)}`, names: [] },
    {
      body: Array.from({ length: 9 }, () => '/netguide help').join('\n'),
      names: Array(MAX_COMMANDS_PER_COMMENT).fill('help'),
    },
  ])('$body → $names', ({ body, names }) => {
    expect(parseCommands(body).map((command) => command.name)).toEqual(names);
  });

  it('keeps the line as written and the arguments in order', () => {
    expect(parseCommands('/netguide migrate Kubenet overlay')).toEqual([
      { line: '/netguide migrate Kubenet overlay', name: 'migrate', args: ['Kubenet', 'overlay'] },
    ]);
  });
});

describe('parseOptions', () => {
  it.each([
    { args: ['--nodes', '3', '--max-pods=30'], options: { nodes: '3', 'max-pods': '30' }, positional: [], errors: [] },
    { args: ['extra', '--nodes'], options: {}, positional: ['extra'], errors: ['`--nodes` needs a value'] },
    { args: ['--nodes', '--surge', '1'], options: { surge: '1' }, positional: [], errors: ['`--nodes` needs a value'] },
  ])('$args', ({ args, options, positional, errors }) => {
    const parsed = parseOptions(args);
    expect(Object.fromEntries(parsed.options)).toEqual(options);
    expect(parsed.positional).toEqual(positional);
    expect(parsed.errors).toEqual(errors);
  });
});
