import type { Inventory } from './fold.js';

export const CSV_COLUMNS = [
  'repository',
  'status',
  'reason',
  'ref',
  'sha',
  'file',
  'line',
  'cluster',
  'name',
  'format',
  'model',
  'effective_model',
  'kubenet',
  'owners',
  'findings',
  'rules',
] as const;

/**
 * `--format csv`: one row per cluster, and one per repository with no cluster (status `read`) or that could
 * not be read (status `unreadable`, with the reason). RFC 4180: CRLF line ends, fields with a comma, quote or
 * line break quoted, quotes doubled. A text field that a spreadsheet would run as a formula (it starts with
 * `=`, `+`, `-`, `@`, a tab or a carriage return; OWASP "CSV Injection") gets a leading `'`.
 */
export function renderInventoryCsv(inventory: Inventory): string {
  const rows: (string | number)[][] = [[...CSV_COLUMNS]];
  for (const repository of inventory.repositories) {
    const clusters = inventory.clusters.filter((cluster) => cluster.repository === repository.name);
    const base = [repository.name, repository.status, repository.reason ?? '', repository.ref, repository.sha];
    if (clusters.length === 0) {
      rows.push([...base, '', '', '', '', '', '', '', '', '', repository.status === 'read' ? 0 : '', '']);
      continue;
    }
    for (const cluster of clusters) {
      rows.push([
        ...base,
        cluster.file,
        cluster.line,
        cluster.id,
        cluster.name ?? '',
        cluster.format,
        cluster.model,
        cluster.effectiveModel,
        cluster.kubenet ? 'yes' : 'no',
        cluster.owners.join(' '),
        cluster.findings.length,
        [...new Set(cluster.findings.map((finding) => finding.ruleId))].join(' '),
      ]);
    }
  }
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
