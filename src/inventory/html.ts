import { createHash } from 'node:crypto';
import { describeRemaining } from '../domain/dates.js';
import type { Inventory } from './fold.js';
import { modelLabel } from './labels.js';

// Zero-width and bidirectional control characters can hide or reorder text ("Trojan Source"); C0/C1 controls.
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]+/g;

/** Text for an HTML element or a quoted attribute: nothing in it can open a tag, end an attribute or hide. */
export function escapeHtml(text: string): string {
  return text
    .replace(INVISIBLE, '')
    .replace(CONTROL, ' ')
    .replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const STYLE = `
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#fff;--panel:#f6f8fa;--accent:#0969da;--bad:#cf222e;--warn:#9a6700;--ok:#1a7f37}
*{box-sizing:border-box}
body{margin:0;font:14px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",Helvetica,Arial,sans-serif;color:var(--fg);background:var(--bg)}
header{padding:24px 32px 8px}
h1{margin:0 0 4px;font-size:24px}
h2{margin:0 0 12px;font-size:16px}
.muted{color:var(--muted)}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(420px,1fr));gap:16px;padding:16px 32px}
.panel{border:1px solid var(--line);border-radius:8px;padding:16px;background:var(--bg)}
.tiles{display:flex;gap:16px;flex-wrap:wrap;padding:8px 32px}
.tile{border:1px solid var(--line);border-radius:8px;padding:12px 16px;min-width:150px;background:var(--panel)}
.tile b{display:block;font-size:26px}
.tile.bad b{color:var(--bad)}
svg text{font:12px -apple-system,BlinkMacSystemFont,"Segoe UI",Helvetica,Arial,sans-serif;fill:#1f2328}
svg .value{fill:#59636e}
.countdown{display:flex;align-items:baseline;gap:12px}
.countdown b{font-size:48px;color:var(--bad)}
section.table{padding:0 32px 32px}
.controls{display:flex;gap:8px;margin:8px 0;flex-wrap:wrap}
input,select{font:inherit;padding:4px 8px;border:1px solid var(--line);border-radius:6px}
table{border-collapse:collapse;width:100%}
th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
th{background:var(--panel);cursor:pointer;user-select:none;white-space:nowrap}
th[aria-sort=ascending]::after{content:" \\25B2"}
th[aria-sort=descending]::after{content:" \\25BC"}
td.num{text-align:right}
code{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;word-break:break-all}
.kubenet{color:var(--bad);font-weight:600}
.sev-error{color:var(--bad)}
.sev-warning{color:var(--warn)}
.sev-notice{color:var(--muted)}
.unreadable td{color:var(--bad)}
`;

// Sorting by a column (numbers by data-value), and filtering by text and model, kept in the address's
// fragment (#q=…&model=…) so that a filtered view can be linked to. No network, no eval.
const SCRIPT = `
(function () {
  var table = document.getElementById('clusters');
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var text = document.getElementById('filter');
  var model = document.getElementById('model');
  var count = document.getElementById('shown');
  function apply() {
    var needle = text.value.toLowerCase();
    var wanted = model.value;
    var shown = 0;
    rows.forEach(function (row) {
      var ok = (needle === '' || row.textContent.toLowerCase().indexOf(needle) >= 0) &&
        (wanted === '' || row.getAttribute('data-model') === wanted);
      row.hidden = !ok;
      if (ok) shown += 1;
    });
    count.textContent = String(shown);
    var state = new URLSearchParams();
    if (needle !== '') state.set('q', text.value);
    if (wanted !== '') state.set('model', wanted);
    var hash = state.toString();
    if (hash !== location.hash.slice(1)) history.replaceState(null, '', hash === '' ? location.pathname : '#' + hash);
  }
  var initial = new URLSearchParams(location.hash.slice(1));
  text.value = initial.get('q') || '';
  if (initial.get('model') !== null) model.value = initial.get('model');
  text.addEventListener('input', apply);
  model.addEventListener('change', apply);
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
    th.addEventListener('click', function () {
      var ascending = th.getAttribute('aria-sort') !== 'ascending';
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) { other.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      var numeric = th.getAttribute('data-type') === 'number';
      rows.sort(function (a, b) {
        var x = a.cells[index].getAttribute('data-value') || a.cells[index].textContent;
        var y = b.cells[index].getAttribute('data-value') || b.cells[index].textContent;
        var order = numeric ? Number(x) - Number(y) : x.localeCompare(y);
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
  apply();
})();
`;

// Red is kept for kubenet and errors.
const COLORS = ['#0969da', '#1a7f37', '#8250df', '#9a6700', '#1b7c83', '#bf3989', '#57606a'];

interface Bar {
  label: string;
  value: number;
  color?: string;
}

/** A horizontal bar chart as inline SVG (presentation attributes only: no inline style for the CSP). */
export function barChart(title: string, bars: readonly Bar[], maxBars = 12): string {
  const shown = bars.slice(0, maxBars);
  const rest = bars.slice(maxBars).reduce((sum, bar) => sum + bar.value, 0);
  if (rest > 0) shown.push({ label: `${bars.length - maxBars} more`, value: rest, color: '#8c959f' });
  if (shown.length === 0) return `<p class="muted">None.</p>`;
  const max = Math.max(...shown.map((bar) => bar.value), 1);
  const rowHeight = 26;
  const labelWidth = 200;
  const barWidth = 260;
  const height = shown.length * rowHeight + 4;
  const rows = shown
    .map((bar, index) => {
      const y = index * rowHeight + 2;
      const width = Math.max(2, Math.round((bar.value / max) * barWidth));
      const label = bar.label.length > 30 ? `${bar.label.slice(0, 29)}…` : bar.label;
      return (
        `<g><title>${escapeHtml(`${bar.label}: ${bar.value}`)}</title>` +
        `<text x="${labelWidth - 8}" y="${y + 17}" text-anchor="end">${escapeHtml(label)}</text>` +
        `<rect x="${labelWidth}" y="${y + 4}" width="${width}" height="18" rx="3" fill="${bar.color ?? COLORS[index % COLORS.length]}"/>` +
        `<text class="value" x="${labelWidth + width + 6}" y="${y + 17}">${bar.value}</text></g>`
      );
    })
    .join('');
  return (
    `<svg role="img" aria-label="${escapeHtml(title)}" width="100%" viewBox="0 0 ${labelWidth + barWidth + 50} ${height}" ` +
    `preserveAspectRatio="xMinYMin meet">${rows}</svg>`
  );
}

/** The kubenet countdown: days left, and the share of clusters still on kubenet as a bar. */
function countdown(inventory: Inventory): string {
  const { kubenetRetirement: retirement, totals } = inventory;
  const share = totals.clusters === 0 ? 0 : totals.kubenetClusters / totals.clusters;
  const width = 460;
  const filled = Math.round(share * width);
  return (
    `<div class="countdown"><b>${Math.max(retirement.daysLeft, 0)}</b>` +
    `<span>${escapeHtml(retirement.daysLeft >= 0 ? 'days until kubenet retires' : describeRemaining(retirement.daysLeft))} ` +
    `on <a href="${escapeHtml(retirement.source)}">${escapeHtml(retirement.date)}</a> (from ${escapeHtml(inventory.today)})</span></div>` +
    `<svg role="img" aria-label="kubenet share" width="100%" viewBox="0 0 ${width} 44" preserveAspectRatio="xMinYMin meet">` +
    `<rect x="0" y="4" width="${width}" height="18" rx="3" fill="#dafbe1"/>` +
    `<rect x="0" y="4" width="${filled}" height="18" rx="3" fill="#cf222e"/>` +
    `<text x="0" y="38">${totals.kubenetClusters} of ${totals.clusters} clusters still on kubenet (${Math.round(share * 100)} %)</text></svg>`
  );
}

function hash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * `--format html`: one self-contained page (inline CSS, JS and SVG; no request at view time, which the CSP
 * enforces: only the page's own style and script, by hash). Every repository value is escaped.
 */
export function renderInventoryHtml(inventory: Inventory): string {
  const { totals } = inventory;
  const csp = [
    "default-src 'none'",
    `style-src ${hash(STYLE)}`,
    `script-src ${hash(SCRIPT)}`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const models = [...new Set(inventory.clusters.map((cluster) => cluster.effectiveModel))].sort();
  const clusterRows = inventory.clusters
    .map((cluster) => {
      const findings = cluster.findings
        .map(
          (finding) =>
            `<span class="sev-${escapeHtml(finding.severity)}" title="${escapeHtml(finding.message)}">${escapeHtml(finding.ruleId)}</span>`,
        )
        .join(', ');
      return (
        `<tr data-model="${escapeHtml(cluster.effectiveModel)}">` +
        `<td><code>${escapeHtml(cluster.repository)}</code></td>` +
        `<td><code>${escapeHtml(cluster.file)}</code></td>` +
        `<td class="num" data-value="${cluster.line}">${cluster.line}</td>` +
        `<td><code>${escapeHtml(cluster.id)}</code>${cluster.name === null ? '' : `<br><span class="muted">${escapeHtml(cluster.name)}</span>`}</td>` +
        `<td${cluster.kubenet ? ' class="kubenet"' : ''}>${escapeHtml(modelLabel(cluster.model))}</td>` +
        `<td>${cluster.owners.map((owner) => `<code>${escapeHtml(owner)}</code>`).join(' ')}</td>` +
        `<td class="num" data-value="${cluster.findings.length}">${cluster.findings.length}</td>` +
        `<td>${findings}</td></tr>`
      );
    })
    .join('\n');
  const unreadable = inventory.repositories.filter((repository) => repository.status === 'unreadable');
  const unreadableRows = unreadable
    .map(
      (repository) =>
        `<tr class="unreadable"><td><code>${escapeHtml(repository.name)}</code></td><td>${escapeHtml(repository.reason ?? '')}</td></tr>`,
    )
    .join('\n');
  const repositoryRows = inventory.repositories
    .filter((repository) => repository.status === 'read')
    .map(
      (repository) =>
        `<tr><td><code>${escapeHtml(repository.name)}</code></td><td><code>${escapeHtml(repository.ref)}</code></td>` +
        `<td><code>${escapeHtml(repository.sha.slice(0, 12))}</code></td><td class="num">${repository.clusters}</td>` +
        `<td class="num">${repository.kubenetClusters}</td><td class="num">${repository.findings}</td>` +
        `<td class="num">${repository.filesNotAnalyzed}</td>` +
        `<td>${[...repository.configErrors, ...repository.codeownersErrors].map((problem) => escapeHtml(problem)).join('<br>')}</td></tr>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>AKS networking inventory</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>AKS networking inventory</h1>
<p class="muted">${escapeHtml(`${inventory.tool.name} ${inventory.tool.version}, knowledge as of ${inventory.tool.knowledgeAsOf || 'n/a'}, counted on ${inventory.today}`)}</p>
</header>
<div class="tiles">
<div class="tile"><b>${totals.repositories}</b>repositories</div>
<div class="tile${totals.unreadableRepositories > 0 ? ' bad' : ''}"><b>${totals.unreadableRepositories}</b>could not be read</div>
<div class="tile"><b>${totals.clusters}</b>clusters</div>
<div class="tile bad"><b>${totals.kubenetClusters}</b>on kubenet</div>
<div class="tile"><b>${totals.findings}</b>findings</div>
</div>
<div class="grid">
<div class="panel"><h2>kubenet retirement</h2>${countdown(inventory)}</div>
<div class="panel"><h2>Clusters by model</h2>${barChart(
    'Clusters by model',
    inventory.byModel.map((row) => ({
      label: modelLabel(row.model),
      value: row.clusters,
      ...(row.model === 'kubenet' ? { color: '#cf222e' } : {}),
    })),
  )}</div>
<div class="panel"><h2>kubenet clusters by repository</h2>${barChart(
    'kubenet clusters by repository',
    inventory.kubenetByRepository.map((row) => ({ label: row.repository, value: row.clusters, color: '#cf222e' })),
  )}</div>
<div class="panel"><h2>kubenet clusters by team (CODEOWNERS)</h2>${barChart(
    'kubenet clusters by team',
    inventory.kubenetByTeam.map((row) => ({ label: row.team, value: row.clusters, color: '#bf3989' })),
  )}</div>
<div class="panel"><h2>Findings by rule</h2>${barChart(
    'Findings by rule',
    inventory.findingsByRule.map((row) => ({
      label: row.ruleId,
      value: row.findings,
      color: row.severity === 'error' ? '#cf222e' : row.severity === 'warning' ? '#9a6700' : '#57606a',
    })),
  )}</div>
</div>
<section class="table">
<h2>Clusters (<span id="shown">${inventory.clusters.length}</span> of ${inventory.clusters.length})</h2>
<div class="controls">
<input id="filter" type="search" placeholder="Filter: repository, file, owner, rule…" aria-label="Filter the clusters" size="40">
<select id="model" aria-label="Model"><option value="">Every model</option>${models
    .map((model) => `<option value="${escapeHtml(model)}">${escapeHtml(modelLabel(model))}</option>`)
    .join('')}</select>
</div>
<table id="clusters">
<thead><tr><th>Repository</th><th>File</th><th data-type="number">Line</th><th>Cluster</th><th>Model</th><th>Owners</th><th data-type="number">Findings</th><th>Open findings</th></tr></thead>
<tbody>
${clusterRows}
</tbody>
</table>
</section>
<section class="table">
<h2>Repositories read (${totals.repositories - totals.unreadableRepositories})</h2>
<table><thead><tr><th>Repository</th><th>Ref</th><th>Commit</th><th>Clusters</th><th>kubenet</th><th>Findings</th><th>Files not analyzed</th><th>Configuration problems</th></tr></thead>
<tbody>
${repositoryRows}
</tbody></table>
</section>
${
  unreadable.length === 0
    ? ''
    : `<section class="table">
<h2>Repositories that could not be read (${unreadable.length})</h2>
<table><thead><tr><th>Repository</th><th>Why</th></tr></thead>
<tbody>
${unreadableRows}
</tbody></table>
</section>`
}
<script>${SCRIPT}</script>
</body>
</html>
`;
}
