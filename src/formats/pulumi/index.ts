import type { Format, SourceFile } from '../../model/index.js';
import { extract, fileKind, isStackFile, mightHoldCluster } from './extract.js';
import { initParsers } from './parse.js';
import { DEPENDENCY_FILES } from './sdk-version.js';
import { write } from './write.js';

const PROJECT_FILE = /(?:^|\/)Pulumi\.ya?ml$/;

/** Pulumi programs on the azure-native provider: `containerservice.ManagedCluster` in TypeScript, JavaScript, Python or YAML. */
export const pulumi: Format = {
  id: 'pulumi',
  displayName: 'Pulumi',
  claims(path: string): boolean {
    return fileKind(path) !== undefined;
  },
  sniff(file: SourceFile): boolean {
    if (PROJECT_FILE.test(file.path) || isStackFile(file.path)) return true;
    const kind = fileKind(file.path);
    return kind !== undefined && mightHoldCluster(file.text, kind);
  },
  /** Stack configuration, and the dependency files that give the azure-native SDK's version. */
  isContext(path: string): boolean {
    return isStackFile(path) || DEPENDENCY_FILES.includes(path.slice(path.lastIndexOf('/') + 1));
  },
  init: initParsers,
  extract,
  write,
};

export { extract };
