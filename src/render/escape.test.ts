import { describe, expect, it } from 'vitest';
import { escapeMarkdown, escapeMessage, inlineCode } from './escape.js';

describe('escapeMarkdown', () => {
  it.each([
    { input: 'ping @octocat', output: 'ping @&#8203;octocat' },
    { input: 'fixes #123', output: 'fixes #&#8203;123' },
    {
      input: '</details><img src=x onerror=alert(1)>',
      output: '&#60;/details&#62;&#60;img src=x onerror=alert(1)&#62;',
    },
    { input: 'a | b', output: 'a &#124; b' },
    { input: '[click](https://evil.example)', output: '&#91;click&#93;(https://evil.example)' },
    { input: '**bold** _it_ `code`', output: '&#42;&#42;bold&#42;&#42; &#95;it&#95; &#96;code&#96;' },
    { input: 'line one\nline two', output: 'line one line two' },
    { input: 'zero\u200Bwidth and \u202Ertl', output: 'zerowidth and rtl' },
    { input: 'esc\u001b[31mred\u0007bell', output: 'esc &#91;31mred bell' },
    { input: 'csi\u009b31m and del\u007f', output: 'csi 31m and del ' },
  ])('$input', ({ input, output }) => {
    expect(escapeMarkdown(input)).toBe(output);
  });
});

describe('inlineCode', () => {
  it.each([
    { input: 'var.network_plugin', output: '`var.network_plugin`' },
    { input: 'a`b', output: '`aˋb`' },
    { input: 'a|b', output: '`a¦b`' },
    { input: '', output: '` `' },
    { input: 'main\u001b[2J.tf\u009b', output: '`main [2J.tf `' },
    { input: 'x'.repeat(300), output: `\`${'x'.repeat(199)}…\`` },
  ])('$input', ({ input, output }) => {
    expect(inlineCode(input)).toBe(output);
  });
});

describe('escapeMessage', () => {
  it('keeps our code spans and links, and neutralises the rest', () => {
    expect(escapeMessage('From `var.x` by @someone, see https://learn.microsoft.com/azure/aks/update-azure-cni.')).toBe(
      'From `var.x` by @&#8203;someone, see https://learn.microsoft.com/azure/aks/update-azure-cni.',
    );
  });

  it('keeps our task lists on their own lines, and escapes what is on them', () => {
    expect(escapeMessage('Before you apply it:\n- [ ] Kubernetes 1.27 or later.\n- [ ] No @policy <b>')).toBe(
      'Before you apply it:\n- [ ] Kubernetes 1.27 or later.\n- [ ] No @&#8203;policy &#60;b&#62;',
    );
  });

  it('a line that only looks like a list is escaped', () => {
    expect(escapeMessage('-[x] <img>')).toBe('-&#91;x&#93; &#60;img&#62;');
  });

  it('a backtick in a value cannot close the code span early', () => {
    expect(escapeMessage('value `a` b` @x')).toBe('value `a` b&#96; @&#8203;x');
  });
});
