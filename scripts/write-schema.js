// Writes schema/netguide.schema.json from the engine's schema (run after `npm run build`).
import { writeFileSync } from 'node:fs';
import { CONFIG_SCHEMA } from '../lib/engine/config-schema.js';

writeFileSync(
  new URL('../schema/netguide.schema.json', import.meta.url),
  `${JSON.stringify(CONFIG_SCHEMA, null, 2)}\n`,
);
