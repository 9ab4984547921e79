// bench/README.md from a results object: the machine, then every figure beside its floor and the ratio.
import type { Results } from './main.js';
import type { ApiCase } from './api.js';

const MB = 1024 * 1024;

function fixed(value: number | undefined, digits = 1): string {
  return value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits);
}

function ms(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return '–';
  return value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;
}

function mib(bytes: number | undefined): string {
  return bytes === undefined ? '–' : `${(bytes / MB).toFixed(0)} MiB`;
}

function ratio(value: number | undefined, floor: number | undefined): string {
  if (value === undefined || floor === undefined || floor === 0) return '–';
  return `${(value / floor).toFixed(1)}×`;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

function table(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

export function renderReadme(results: Results, rawPath: string, notes: string): string {
  const { machine } = results;
  const parts: string[] = [
    '# Benchmarks',
    '',
    '`npm run bench` regenerates this file and the raw figures (' +
      `[\`${rawPath}\`](${rawPath})). \`BENCH_QUICK=1\` runs small sizes (for CI; it writes only the JSON), ` +
      '`BENCH_MB` and `BENCH_FILES` size the corpus, `BENCH_ONLY=throughput,pr,api,cold,app` picks sections, ' +
      '`BENCH_BUILD=0` measures `lib/` and `dist/` as they are. Everything runs on loopback; each measured ' +
      'thing is its own child process, so its peak RSS is its own (GNU time `%M`).',
    '',
    table(
      ['machine', ''],
      [
        ['CPU', `${machine.cpu}`],
        ['cores', String(machine.cores)],
        ['memory', `${(machine.memoryBytes / 1024 ** 3).toFixed(0)} GiB`],
        ['Node.js', machine.node],
        ['platform', machine.platform],
        ['date', results.date],
        ['whole run', ms(results.durationMs)],
      ],
    ),
    '',
  ];
  const t = results.throughput;
  if (t !== undefined) {
    const mb = t.corpus.bytes / MB;
    const inProcess = t.inProcess;
    const analyzeMs = num(inProcess.analyzeMs);
    const collectMs = num(inProcess.collectMs);
    const readMb = (num(inProcess.readBytes) ?? 0) / MB;
    parts.push(
      '## 1. Analyzer throughput',
      '',
      `A generated corpus (seed ${t.corpus.options.seed}): ${t.corpus.files.toLocaleString('en')} files, ` +
        `${mb.toFixed(0)} MiB, ${t.corpus.clusterFiles} of them (${((100 * t.corpus.clusterFiles) / t.corpus.files).toFixed(1)} %) ` +
        'copied from the AKS fixtures and the parity corpus; the rest Terraform, Bicep, ARM and other JSON, ' +
        'Kubernetes manifests, Helm values, workflows and pipelines, shell, PowerShell, Markdown, Python, ' +
        'TypeScript, JavaScript and Go. The floor is `LC_ALL=C grep -rE ' +
        "'network_plugin|networkPlugin|--network-plugin|NetworkPlugin|kubenet'` over the same tree, page cache warm " +
        `(${t.grep.matches.toLocaleString('en')} matching lines). MB/s and files/s are over the whole tree; the ` +
        `analyzer reads only the files some format claims or needs (${readMb.toFixed(0)} MiB in ` +
        `${num(inProcess.readFiles)?.toLocaleString('en') ?? '–'} files).`,
      '',
      table(
        ['run', 'wall', 'MB/s', 'files/s', 'ratio to grep', 'peak RSS'],
        [
          [
            '`grep -rE` (floor)',
            ms(t.grep.wallMs),
            fixed(mb / (t.grep.wallMs / 1000)),
            fixed(t.corpus.files / (t.grep.wallMs / 1000), 0),
            '1.0×',
            mib(t.grep.peakRssBytes),
          ],
          [
            '`node bin/netguide.js scan . --format json` (end to end)',
            ms(t.cli.wallMs),
            fixed(mb / (t.cli.wallMs / 1000)),
            fixed(t.corpus.files / (t.cli.wallMs / 1000), 0),
            ratio(t.cli.wallMs, t.grep.wallMs),
            mib(t.cli.peakRssBytes),
          ],
          [
            'in process: `collect` (walk + read)',
            ms(collectMs),
            fixed(collectMs === undefined ? undefined : mb / (collectMs / 1000)),
            fixed(collectMs === undefined ? undefined : t.corpus.files / (collectMs / 1000), 0),
            ratio(collectMs, t.grep.wallMs),
            '',
          ],
          [
            'in process: `analyze` (first run)',
            ms(analyzeMs),
            fixed(analyzeMs === undefined ? undefined : mb / (analyzeMs / 1000)),
            fixed(analyzeMs === undefined ? undefined : t.corpus.files / (analyzeMs / 1000), 0),
            ratio(analyzeMs, t.grep.wallMs),
            mib(num(inProcess.peakRssBytes)),
          ],
          [
            'in process: `analyze` (second run, warm)',
            ms(num(inProcess.warmAnalyzeMs)),
            fixed(mb / ((num(inProcess.warmAnalyzeMs) ?? Number.NaN) / 1000)),
            fixed(t.corpus.files / ((num(inProcess.warmAnalyzeMs) ?? Number.NaN) / 1000), 0),
            ratio(num(inProcess.warmAnalyzeMs), t.grep.wallMs),
            '',
          ],
        ],
      ),
      '',
      `The CLI found ${t.cli.clusters} clusters and ${t.cli.findings} findings. Inside \`analyze\`: decoding every ` +
        `file (UTF-8) ${ms(num(inProcess.decodeMs))}; rendering JSON ${ms(num(inProcess.renderMs))}.`,
      '',
      '### Cost per format',
      '',
      "Time in each format's `extract` (after its cheap pre-check) for the files it read, and in its `sniff` " +
        '(the look at the text that decides whether a shared extension is its file).',
      '',
    );
    const formats = (inProcess.formats ?? {}) as Record<
      string,
      { files: number; bytes: number; extractMs: number; sniffed: number; sniffMs: number; clusters: number }
    >;
    parts.push(
      table(
        ['format', 'files read', 'MiB', 'extract', 'ms per MiB', 'MB/s', 'clusters', 'sniffed files', 'sniff'],
        Object.entries(formats)
          .sort((a, b) => b[1].extractMs - a[1].extractMs)
          .map(([id, cost]) => [
            id,
            cost.files.toLocaleString('en'),
            fixed(cost.bytes / MB),
            ms(cost.extractMs),
            fixed(cost.bytes === 0 ? undefined : cost.extractMs / (cost.bytes / MB)),
            fixed(cost.extractMs === 0 ? undefined : cost.bytes / MB / (cost.extractMs / 1000)),
            String(cost.clusters),
            cost.sniffed.toLocaleString('en'),
            ms(cost.sniffMs),
          ]),
      ),
      '',
    );
    if (t.profile !== undefined) {
      parts.push(
        '### Where the time goes (CPU profile of the CLI run)',
        '',
        `\`node --cpu-prof bin/netguide.js scan . --format json\`: ${ms(t.profile.totalMs)} profiled. Self time by area:`,
        '',
        table(
          ['area', 'self time', 'share'],
          t.profile.areas.map((area) => [area.name, ms(area.ms), `${(area.share * 100).toFixed(1)} %`]),
        ),
        '',
        'Top functions by self time:',
        '',
        table(
          ['function', 'where', 'self time', 'share'],
          t.profile.functions.map((entry) => [
            `\`${entry.name}\``,
            entry.where === '' ? '' : `\`${entry.where}\``,
            ms(entry.ms),
            `${(entry.share * 100).toFixed(1)} %`,
          ]),
        ),
        '',
      );
    }
  }
  const pr = results.pr;
  if (pr !== undefined) {
    const r = pr.result ?? {};
    const analyzeMs = num(r.analyzeMs);
    const totalMb = (pr.headBytes + pr.baseBytes) / MB;
    parts.push(
      '## 2. Base + head analysis of a large pull request',
      '',
      `${pr.files.toLocaleString('en')} changed files (10 % added, 5 % removed, the rest modified; 5 % are AKS ` +
        'fixtures whose network plugin flips between kubenet and azure), analyzed in process as the review ' +
        `does: \`analyze({ files: head, base: { files: base } })\`. Head ${fixed(pr.headBytes / MB)} MiB, base ` +
        `${fixed(pr.baseBytes / MB)} MiB. ${num(r.clusters) ?? '–'} clusters (${num(r.changedClusters) ?? '–'} ` +
        `changed, ${num(r.addedClusters) ?? '–'} added), ${num(r.findings) ?? '–'} findings at head, ` +
        `${num(r.baseFindings) ?? '–'} at base.`,
      '',
      table(
        ['run', 'time', 'MB/s (both sides)', 'files/s', 'peak RSS'],
        [
          [
            '`analyze` with `base` (first run)',
            ms(analyzeMs),
            fixed(analyzeMs === undefined ? undefined : totalMb / (analyzeMs / 1000)),
            fixed(analyzeMs === undefined ? undefined : (2 * pr.files) / (analyzeMs / 1000), 0),
            mib(pr.peakRssBytes),
          ],
          [
            'second run, warm',
            ms(num(r.warmAnalyzeMs)),
            fixed(totalMb / ((num(r.warmAnalyzeMs) ?? Number.NaN) / 1000)),
            fixed((2 * pr.files) / ((num(r.warmAnalyzeMs) ?? Number.NaN) / 1000), 0),
            '',
          ],
        ],
      ),
      '',
    );
  }
  const api = results.api;
  if (api !== undefined) {
    parts.push(
      '## 3. API cost against the fake GitHub',
      '',
      '`reviewPullRequest(octokitPort(octokit), …)` in a child process, the fake GitHub in another (requests ' +
        'counted by the fake, by operationId). Each PR has its changed files in folders of 20 with one ' +
        'unchanged context file per folder, and 100 untouched folders; the findings are kubenet clusters on ' +
        'changed lines. "pages" is pages of `GET /pulls/{n}/files` (100 files each): the unit requests should ' +
        `grow with. ${api.throttleNote}`,
      '',
    );
    const operations = [...new Set(api.cases.flatMap((c) => Object.keys(c.requests.byOperation)))].sort();
    parts.push(
      table(
        [
          'files',
          'findings (reported)',
          'Octokit',
          'pages',
          'requests',
          'requests / page',
          ...operations.map((o) => `\`${o}\``),
          'wall',
          'peak RSS',
        ],
        api.cases.map((c: ApiCase) => [
          String(c.files),
          `${c.findings} (${num(c.outcome?.newFindings) ?? '–'})`,
          c.mode,
          String(c.filePages),
          String(c.requests.total),
          fixed(c.requests.total / c.filePages),
          ...operations.map((o) => String(c.requests.byOperation[o] ?? 0)),
          ms(c.wallMs),
          mib(c.peakRssBytes),
        ]),
      ),
      '',
    );
  }
  const cold = results.coldStart;
  if (cold !== undefined) {
    parts.push(
      '## 4. Cold start and bundle size',
      '',
      "`node dist/index.js` with a `pull_request` event file and the runner's GITHUB_* / INPUT_* environment, " +
        'from spawn to the first request the fake GitHub receives, against `node -e 0` (spawn to exit). Median ' +
        `of ${cold.action.runsMs.length} runs.`,
      '',
      table(
        ['run', 'time', 'ratio to `node -e 0`', 'peak RSS'],
        [
          ['`node -e 0` (floor)', ms(cold.nodeBaseline.wallMs), '1.0×', mib(cold.nodeBaseline.peakRssBytes)],
          [
            '`node dist/index.js`: start to first API request',
            ms(cold.action.firstRequestMs),
            ratio(cold.action.firstRequestMs, cold.nodeBaseline.wallMs),
            '',
          ],
          [
            '`node dist/index.js`: start to exit (1-file PR, 1 finding, throttled as shipped)',
            ms(cold.action.exitMs),
            ratio(cold.action.exitMs, cold.nodeBaseline.wallMs),
            mib(cold.action.peakRssBytes),
          ],
        ],
      ),
      '',
      table(
        ['bundle', 'size'],
        [
          ['`dist/index.js`', `${(cold.bundle.indexBytes / MB).toFixed(2)} MiB`],
          ...Object.entries(cold.bundle.wasmFiles).map(([name, size]) => [
            `\`dist/wasm/${name}\``,
            `${(size / MB).toFixed(2)} MiB`,
          ]),
          ['`dist/` total', `${((cold.bundle.indexBytes + cold.bundle.wasmBytes) / MB).toFixed(2)} MiB`],
        ],
      ),
      '',
    );
  }
  const app = results.app;
  parts.push('## 5. The app', '');
  if (app === undefined) parts.push('Not run.', '');
  else if (app.status === 'todo') parts.push(`**TODO** — not measured: ${app.note}`, '');
  else {
    parts.push(
      '`src/app/server.ts` (Probot) as a real process, its GitHub the fake (as GHES). Signed `pull_request` ' +
        'webhooks, each for a fresh PR; Probot answers a delivery once its handler is done, so the round trip ' +
        `is webhook → check run concluded. ${app.note} Throttling "off" is NETGUIDE_THROTTLE=off (Probot's ` +
        'pacing of writes 1 s apart, for the whole process, is what a busy app meets first); "on" is as shipped.',
      '',
      table(
        ['concurrency', 'throttling', 'webhooks', 'failed', 'p50', 'p99', 'webhooks/s', 'requests / webhook'],
        app.levels.map((level) => [
          String(level.concurrency),
          level.throttle,
          String(level.deliveries),
          String(level.failed),
          ms(level.p50Ms),
          ms(level.p99Ms),
          fixed(level.webhooksPerSecond),
          fixed(level.requestsPerWebhook),
        ]),
      ),
      '',
      `Peak RSS of the app process after all unthrottled levels: ${mib(app.peakRssBytes)}.`,
      '',
    );
  }
  parts.push('## 6. Peak memory', '', table(['run', 'input', 'peak RSS'], peakRows(results)), '');
  parts.push(notes);
  return `${parts.join('\n').trimEnd()}\n`;
}

/** Every child process's peak RSS in one table; the limit to keep is 2 GB for a 200 MB input. */
function peakRows(results: Results): string[][] {
  const rows: string[][] = [];
  const t = results.throughput;
  if (t !== undefined) {
    const input = `${(t.corpus.bytes / MB).toFixed(0)} MiB, ${t.corpus.files.toLocaleString('en')} files`;
    rows.push(['`grep -rE`', input, mib(t.grep.peakRssBytes)]);
    rows.push(['CLI scan, JSON', input, mib(t.cli.peakRssBytes)]);
    rows.push(['in-process collect + analyze (twice) + render', input, mib(num(t.inProcess.peakRssBytes))]);
  }
  const pr = results.pr;
  if (pr !== undefined) {
    rows.push([
      'base + head analysis (twice)',
      `${pr.files.toLocaleString('en')} files, ${((pr.headBytes + pr.baseBytes) / MB).toFixed(0)} MiB both sides`,
      mib(pr.peakRssBytes),
    ]);
  }
  for (const c of results.api?.cases ?? []) {
    if (c.mode !== 'unthrottled' || c.findings !== 400) continue;
    rows.push([
      `review client (${c.files} file${c.files === 1 ? '' : 's'}, 400 findings)`,
      'over the fake GitHub',
      mib(c.peakRssBytes),
    ]);
  }
  const cold = results.coldStart;
  if (cold !== undefined) {
    rows.push(['`node -e 0`', '', mib(cold.nodeBaseline.peakRssBytes)]);
    rows.push(['`node dist/index.js` (1-file PR)', '', mib(cold.action.peakRssBytes)]);
  }
  if (results.app?.status === 'measured') rows.push(['the app (all levels)', '', mib(results.app.peakRssBytes)]);
  return rows;
}
