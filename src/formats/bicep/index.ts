import type { Format } from '../../model/index.js';
import { extract } from './extract.js';
import { write } from './write.js';

export { extract } from './extract.js';

export const bicep: Format = {
  id: 'bicep',
  displayName: 'Bicep',
  claims: (path) => path.toLowerCase().endsWith('.bicep'),
  isContext: (path) => path.toLowerCase().endsWith('.bicepparam'),
  extract,
  write,
};
