import type { Inventory } from './fold.js';

/** `--format json`: the inventory as it is (shape: `Inventory` in src/inventory/fold.ts). */
export function renderInventoryJson(inventory: Inventory): string {
  return `${JSON.stringify(inventory, null, 2)}\n`;
}
