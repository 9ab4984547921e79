/**
 * Slash commands in issue and pull request comments: `/netguide <command> [arguments]` at the start of a
 * line (prior-art §2.6: line-anchored, several per comment, each answered). Quoted lines (`> /netguide …`)
 * and code blocks are not commands, so a reply that quotes a command never triggers another.
 */
export interface ParsedCommand {
  /** The line as written, for the reply to quote. */
  line: string;
  name: string;
  args: string[];
}

const PREFIX = /^\/netguide(?:\s+(?<rest>.*))?$/;
/** Commands per comment; more are ignored (a comment can't make the bot post without bound). */
export const MAX_COMMANDS_PER_COMMENT = 5;

/**
 * Only lines GitHub renders as plain text are commands. Quoted lines, fenced code (a fence closes only
 * with its own character, at least as long: "```" is not closed by "~~~"), indented code, `<details>`
 * blocks and HTML comments are not: they quote or hide text, and a hidden command must not run.
 */
export function parseCommands(body: string): ParsedCommand[] {
  const commands: ParsedCommand[] = [];
  let fence: string | undefined;
  let inComment = false;
  let details = 0;
  let previousBlank = true;
  for (const raw of body.split(/\r?\n/)) {
    const line = raw.trim();
    if (inComment) {
      if (line.includes('-->')) inComment = false;
      previousBlank = line === '';
      continue;
    }
    const open = /^ {0,3}(?<fence>`{3,}|~{3,})/.exec(raw)?.groups?.fence;
    if (fence !== undefined) {
      if (open !== undefined && open[0] === fence[0] && open.length >= fence.length && line === open) fence = undefined;
      continue;
    }
    if (open !== undefined) {
      fence = open;
      continue;
    }
    // Indented code: four spaces or a tab, after a blank line (otherwise it continues a paragraph).
    const indentedCode = /^(?: {4}|\t)/.test(raw) && previousBlank;
    previousBlank = line === '' || (indentedCode && previousBlank);
    if (line.startsWith('<!--')) {
      if (!line.includes('-->')) inComment = true;
      continue;
    }
    details += (line.match(/<details\b/gi) ?? []).length - (line.match(/<\/details>/gi) ?? []).length;
    if (details < 0) details = 0;
    if (indentedCode || details > 0 || line.length > 500) continue;
    const match = PREFIX.exec(line);
    if (match === null) continue;
    const words = (match.groups?.rest ?? '').split(/\s+/).filter((word) => word !== '');
    const [name = 'help', ...args] = words;
    commands.push({ line, name: name.toLowerCase(), args });
    if (commands.length === MAX_COMMANDS_PER_COMMENT) break;
  }
  return commands;
}

/** `--name value` and `--name=value` options, with positional words kept in order. */
export function parseOptions(args: readonly string[]): {
  options: Map<string, string>;
  positional: string[];
  errors: string[];
} {
  const options = new Map<string, string>();
  const positional: string[] = [];
  const errors: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? '';
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const equals = arg.indexOf('=');
    if (equals > 0) {
      options.set(arg.slice(2, equals), arg.slice(equals + 1));
      continue;
    }
    const value = args[index + 1];
    if (value === undefined || value.startsWith('--')) {
      errors.push(`\`${arg.replaceAll('`', 'ˋ').slice(0, 40)}\` needs a value`);
      continue;
    }
    options.set(arg.slice(2), value);
    index++;
  }
  return { options, positional, errors };
}
