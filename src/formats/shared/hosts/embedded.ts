import type { MacroHost } from '../script/shell.js';
import type { ScriptSource } from '../script/words.js';

/** What a host (a Markdown fence, a CI step) hands over: a script, the shell that runs it, and whose `$(...)` macros it may hold. */

export type ScriptShell = 'sh' | 'pwsh';

export interface EmbeddedScript {
  source: ScriptSource;
  shell: ScriptShell;
  host: MacroHost;
}
