import type { Format, SourceFile } from '../../model/index.js';
import { extract, mentionsAks } from './extract.js';
import { write } from './write.js';

export const azurePowerShell: Format = {
  id: 'azure-powershell',
  displayName: 'Azure PowerShell',
  claims(path: string): boolean {
    return /\.psm?1$/i.test(path);
  },
  /** Only scripts that create or change an AKS cluster (by cmdlet or by `az aks`). */
  sniff(file: SourceFile): boolean {
    return mentionsAks(file.text);
  },
  extract,
  write,
};
