export { parseCodeowners, ownersOf } from './codeowners.js';
export type { Codeowners, CodeownersRule } from './codeowners.js';
export { buildInventory, NO_OWNER } from './fold.js';
export type { Inventory, InventoryCluster, InventoryInput, InventoryOptions, InventoryRepository } from './fold.js';
export { renderInventoryCsv, csvField, CSV_COLUMNS } from './csv.js';
export { renderInventoryHtml, escapeHtml } from './html.js';
export { renderInventoryJson } from './json.js';
export { modelsMarkdown, renderInventoryMarkdown } from './markdown.js';
export { modelLabel } from './labels.js';
