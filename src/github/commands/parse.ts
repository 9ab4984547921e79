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

export function parseCommands(body: string): ParsedCommand[] {
  const commands: ParsedCommand[] = [];
  let inFence = false;
  for (const raw of body.split(/\r?\n/)) {
    const line = raw.trim();
    if (/^(?:```|~~~)/.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (inFence || line.length > 500) continue;
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
