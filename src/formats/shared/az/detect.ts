/**
 * The cheap pre-check for az commands, for every host and both formats that read them (`az aks` in a
 * shell script, a CI step, a Markdown fence or a PowerShell script). Linear in the text.
 */

function isWordCode(code: number): boolean {
  return (
    (code >= 48 && code <= 57) ||
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    code === 95 ||
    code === 45
  );
}

/** Past blanks and line continuations (`\`, PowerShell's backtick) from `pos`; -1 when there are none. */
function skipGap(haystack: string, from: number): number {
  let pos = from;
  while (pos < haystack.length) {
    const code = haystack.charCodeAt(pos);
    if (code === 32 || code === 9 || code === 13 || code === 10) pos += 1;
    else if (
      (code === 92 || code === 96) &&
      (haystack.charCodeAt(pos + 1) === 10 || haystack.charCodeAt(pos + 1) === 13)
    )
      pos += 2;
    else break;
  }
  return pos === from ? -1 : pos;
}

function wordAt(haystack: string, pos: number, word: string): boolean {
  return pos >= 0 && haystack.startsWith(word, pos) && !isWordCode(haystack.charCodeAt(pos + word.length));
}

/**
 * Whether the text holds an `az aks` or `az network vnet` command: `az`, then blanks or line continuations,
 * then `aks` or `network vnet`. Linear: each `az` is followed by a skip that ends at the first other character.
 */
export function hasAzCommand(text: string, caseInsensitive = false): boolean {
  const haystack = caseInsensitive ? text.toLowerCase() : text;
  for (let index = haystack.indexOf('az'); index >= 0; index = haystack.indexOf('az', index + 2)) {
    if (index > 0 && isWordCode(haystack.charCodeAt(index - 1))) continue;
    const pos = skipGap(haystack, index + 2);
    if (wordAt(haystack, pos, 'aks')) return true;
    if (wordAt(haystack, pos, 'network') && wordAt(haystack, skipGap(haystack, pos + 7), 'vnet')) return true;
  }
  return false;
}
