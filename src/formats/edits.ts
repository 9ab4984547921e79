// Line edits shared by the formats' write sides (`<format>/write.ts`): a `key = value` or `key: value`
// assignment, and a command-line flag.

/**
 * `key = "kubenet"` (or `key: 'kubenet'`) -> the key set to azure, and the mode key on a new line beneath
 * it with the same indentation. Where properties are comma-separated (JSON, JS, Python, HCL objects with
 * commas) the first line needs a comma because a property now follows it; HCL and Bicep separate by newline.
 * The pattern names the groups `indent`, `key`, `pad`, `op`, `space` and `tail`.
 */
export function overlayAssignment(
  line: string,
  pattern: RegExp,
  quote: string,
  commas: 'optional' | 'required',
): string | undefined {
  const match = pattern.exec(line);
  if (match?.groups === undefined) return undefined;
  const { indent = '', key = '', pad = '', op = '', space = '', tail = '' } = match.groups;
  const modeKey = key.replace(/network_plugin/i, 'network_plugin_mode').replace(/networkPlugin/i, 'networkPluginMode');
  const hadComma = tail.includes(',');
  // HCL: align `=` as `terraform fmt` does, at the original column or past the longer new key.
  const column = op === '=' ? Math.max(key.length + pad.length, modeKey.length + 1) : 0;
  const keyOf = (name: string) => (op === '=' ? name.padEnd(column) : name);
  const first = `${indent}${keyOf(key)}${op === '=' ? '' : pad}${op}${space}${quote}azure${quote}${hadComma || commas === 'required' ? ',' : ''}`;
  const second = `${indent}${keyOf(modeKey)}${op === '=' ? '= ' : ': '}${quote}overlay${quote}${hadComma ? ',' : ''}`;
  return `${first}\n${second}`;
}

/** The flag that `pattern` finds, replaced in place; undefined when the line has no such flag. */
export function replaceFlag(line: string, pattern: RegExp, replacement: string): string | undefined {
  return pattern.test(line) ? line.replace(pattern, replacement) : undefined;
}
