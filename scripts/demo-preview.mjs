// The HTML preview of `npm run demo`: the posted Markdown rendered with marked (GitHub-flavoured) inside
// GitHub's own `.markdown-body` stylesheet (github-markdown-css, light theme, inlined: the page needs no
// network). `?part=summary` and `?part=comments` show one part alone (for the README screenshots).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Marked } from 'marked';

const require = createRequire(import.meta.url);
const MARKDOWN_CSS = readFileSync(require.resolve('github-markdown-css/github-markdown-light.css'), 'utf8');

const escapeHtml = (text) =>
  String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

// GitHub keeps these tags in comments and strips the rest (keeping their text), and drops event handlers.
const ALLOWED_TAGS = new Set(
  'a abbr b bdo blockquote br caption cite code dd del details dfn div dl dt em h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p picture pre q rp rt ruby s samp small source span strike strong sub summary sup table tbody td tfoot th thead time tr tt u ul var wbr'.split(
    ' ',
  ),
);

function sanitizeHtml(html) {
  return html.replace(/<!--[\s\S]*?-->/g, '').replace(/<\/?([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*>/g, (tag, name) => {
    if (!ALLOWED_TAGS.has(name.toLowerCase())) return '';
    return tag.replace(/\s(?:on\w+|style)\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)/gi, '');
  });
}

const ALERTS = {
  NOTE: ['note', 'Note'],
  TIP: ['tip', 'Tip'],
  IMPORTANT: ['important', 'Important'],
  WARNING: ['warning', 'Warning'],
  CAUTION: ['caution', 'Caution'],
};

/**
 * A Markdown renderer for one comment. `original` gives the lines a ```suggestion replaces (GitHub shows
 * them as removed, the suggestion as added).
 */
function markdown(original) {
  const marked = new Marked({ gfm: true, breaks: false });
  marked.use({
    renderer: {
      html({ text }) {
        return sanitizeHtml(text);
      },
      code({ text, lang }) {
        const language = (lang ?? '').trim().split(/\s+/)[0];
        if (language === 'suggestion') return suggestionBlock(original ?? [], text);
        if (language === 'mermaid') {
          return `<div class="mermaid-block"><div class="mermaid-label">Mermaid diagram (GitHub draws it as a chart; shown here as its source)</div><pre><code>${escapeHtml(text)}</code></pre></div>\n`;
        }
        return false;
      },
      blockquote({ tokens }) {
        // GitHub alerts: > [!NOTE] … (marked renders them as plain blockquotes).
        const first = tokens[0];
        const match =
          first?.type === 'paragraph' ? /^\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*\n?/.exec(first.raw) : null;
        if (!match) return false;
        const [kind, label] = ALERTS[match[1]];
        const rest = this.parser.parse([
          { ...first, ...marked.lexer(first.raw.slice(match[0].length))[0] },
          ...tokens.slice(1),
        ]);
        return `<div class="markdown-alert markdown-alert-${kind}"><p class="markdown-alert-title">${label}</p>${rest}</div>\n`;
      },
    },
  });
  // GitHub marks task-list items so the stylesheet drops their bullets.
  return (text) =>
    marked
      .parse(text)
      .replace(
        /<li><input (checked="" )?disabled="" type="checkbox">/g,
        (_, checked) =>
          `<li class="task-list-item"><input type="checkbox" class="task-list-item-checkbox" disabled${checked ? ' checked' : ''}>`,
      );
}

function suggestionBlock(original, suggested) {
  const line = (kind, sign, text) =>
    `<div class="suggestion-line ${kind}"><span class="sign">${sign}</span><code>${escapeHtml(text)}</code></div>`;
  const removed = original.map((text) => line('del', '-', text));
  const added = suggested
    .replace(/\n$/, '')
    .split('\n')
    .map((text) => line('add', '+', text));
  return `<div class="suggestion"><div class="suggestion-header">Suggested change</div>${removed.join('')}${added.join('')}</div>\n`;
}

/** The last `count` lines of a review comment's diff hunk, with their new-side line numbers. */
function hunkTail(diffHunk, count) {
  const lines = (diffHunk ?? '').split('\n');
  const header = /^@@ -\d+(?:,\d+)? \+(\d+)/.exec(lines[0] ?? '');
  if (!header) return [];
  let next = Number(header[1]);
  const rows = [];
  for (const line of lines.slice(1)) {
    const sign = line[0] ?? ' ';
    rows.push({ sign, number: sign === '-' ? '' : String(next), text: line.slice(1) });
    if (sign !== '-') next++;
  }
  return rows.slice(-count);
}

const avatar = '<span class="avatar" aria-hidden="true">◆</span>';

function card(author, action, body, extraClass = '') {
  return `<div class="comment ${extraClass}">
  <div class="comment-header">${avatar}<strong>${escapeHtml(author)}</strong> <span class="bot">bot</span> <span class="muted">${escapeHtml(action)}</span></div>
  <div class="comment-body markdown-body">${body}</div>
</div>`;
}

/**
 * @param {{ repo: string, number: number, title: string, headRef: string, changedFiles: number,
 *   summary: { body: string, user: { login: string } } | undefined,
 *   reviews: { body: string, user: { login: string } }[],
 *   comments: { path: string, line?: number, startLine?: number, body: string, diffHunk: string, user: { login: string } }[],
 *   headFiles: Record<string, string>, exitCode: number | null }} data
 */
export function renderPreview(data) {
  const summary = data.summary
    ? card(data.summary.user.login, 'commented', markdown(undefined)(data.summary.body), 'summary-comment')
    : '<p class="muted">No summary comment was posted.</p>';

  const reviewBodies = data.reviews
    .filter((review) => review.body.trim() !== '')
    .map((review) => card(review.user.login, 'reviewed', markdown(undefined)(review.body)));

  const inline = data.comments.map((comment) => {
    const end = comment.line ?? 0;
    const start = comment.startLine ?? end;
    const fileLines = (data.headFiles[comment.path] ?? '').split('\n');
    const original = end > 0 ? fileLines.slice(start - 1, end) : [];
    const where = end > 0 ? (start === end ? `line ${end}` : `lines ${start}–${end}`) : 'file';
    const rows = hunkTail(comment.diffHunk, Math.max(4, end - start + 1))
      .map(
        (row) =>
          `<tr class="${row.sign === '+' ? 'add' : row.sign === '-' ? 'del' : ''}"><td class="num">${row.number}</td><td class="sign">${escapeHtml(row.sign.trim())}</td><td><code>${escapeHtml(row.text)}</code></td></tr>`,
      )
      .join('');
    return `<div class="review-thread">
  <div class="thread-file"><span class="path">${escapeHtml(comment.path)}</span><span class="muted">${where}</span></div>
  ${rows === '' ? '' : `<table class="hunk">${rows}</table>`}
  ${card(comment.user.login, 'commented', markdown(original)(comment.body), 'inline-comment')}
</div>`;
  });

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(`${data.title} · ${data.repo}#${data.number}`)}</title>
<style>
${MARKDOWN_CSS}
</style>
<style>
${PAGE_CSS}
</style>
</head>
<body>
<main>
  <header class="pr-header">
    <h1>${escapeHtml(data.title)} <span class="muted">#${data.number}</span></h1>
    <p><span class="state">Open</span> <strong>dev</strong> wants to merge into <code>main</code> from <code>${escapeHtml(data.headRef)}</code> · ${data.changedFiles} files changed · aks-netguide check: ${data.exitCode === 0 ? '<span class="ok">passed</span>' : '<span class="fail">failed</span>'}</p>
    <p class="muted small">Preview generated by <code>npm run demo</code> from the exact Markdown the Action posted to the fake GitHub. Rendered with marked and GitHub's Markdown CSS, close to but not identical with github.com (Mermaid is shown as source).</p>
  </header>
  <section id="summary" class="part">
    <h2 class="part-title">Conversation: the sticky summary comment</h2>
    ${summary}
  </section>
  <section id="comments" class="part">
    <h2 class="part-title">Review: ${data.comments.length} inline comment${data.comments.length === 1 ? '' : 's'}</h2>
    ${reviewBodies.join('\n')}
    ${inline.join('\n')}
  </section>
</main>
<script>
  const part = new URLSearchParams(location.search).get('part');
  if (part) document.body.dataset.part = part;
</script>
</body>
</html>
`;
}

const PAGE_CSS = `
body { margin: 0; background: #fff; color: #1f2328; font: 14px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; }
main { max-width: 1012px; margin: 0 auto; padding: 24px 16px 40px; }
.muted { color: #59636e; font-weight: normal; }
.small { font-size: 12px; }
code { font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; font-size: 12px; }
.pr-header { border-bottom: 1px solid #d1d9e0; margin-bottom: 24px; }
.pr-header h1 { font-size: 26px; font-weight: 400; margin: 0 0 8px; }
.pr-header p { margin: 0 0 12px; }
.state { display: inline-block; background: #1f883d; color: #fff; border-radius: 2em; padding: 2px 12px; font-weight: 500; }
.ok { color: #1a7f37; font-weight: 600; }
.fail { color: #d1242f; font-weight: 600; }
.part-title { font-size: 16px; font-weight: 600; margin: 24px 0 12px; }
.comment { border: 1px solid #d1d9e0; border-radius: 6px; margin: 0 0 16px; background: #fff; }
.comment-header { background: #f6f8fa; border-bottom: 1px solid #d1d9e0; border-radius: 6px 6px 0 0; padding: 8px 16px; display: flex; align-items: center; gap: 6px; }
.avatar { display: inline-flex; width: 20px; height: 20px; border-radius: 4px; background: #0969da; color: #fff; font-size: 11px; align-items: center; justify-content: center; }
.bot { border: 1px solid #d1d9e0; border-radius: 2em; padding: 0 7px; font-size: 12px; color: #59636e; }
.comment-body { padding: 16px; font-size: 14px; }
.review-thread { border: 1px solid #d1d9e0; border-radius: 6px; margin: 0 0 24px; overflow: hidden; }
.review-thread .comment { border: 0; border-top: 1px solid #d1d9e0; border-radius: 0; margin: 0; }
.review-thread .comment-header { border-radius: 0; background: #fff; border-bottom: 0; padding-bottom: 0; }
.thread-file { background: #f6f8fa; padding: 8px 16px; display: flex; justify-content: space-between; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 12px; }
.thread-file .path { font-weight: 600; }
table.hunk { border-collapse: collapse; width: 100%; font-size: 12px; }
table.hunk td { padding: 0 8px; white-space: pre; vertical-align: top; }
table.hunk td.num { width: 1%; color: #59636e; text-align: right; }
table.hunk td.sign { width: 1%; }
table.hunk tr.add { background: #dafbe1; }
table.hunk tr.del { background: #ffebe9; }
.suggestion { border: 1px solid #d1d9e0; border-radius: 6px; margin: 0 0 16px; overflow: hidden; }
.suggestion-header { background: #f6f8fa; border-bottom: 1px solid #d1d9e0; padding: 6px 12px; font-size: 12px; font-weight: 600; }
.suggestion-line { display: flex; white-space: pre; font-size: 12px; line-height: 20px; padding: 0 8px; }
.suggestion-line .sign { width: 16px; flex: none; color: #59636e; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; }
.suggestion-line.add { background: #dafbe1; }
.suggestion-line.del { background: #ffebe9; }
.markdown-body .suggestion-line code { background: none; padding: 0; font-size: 12px; }
.mermaid-block { margin: 0 0 16px; }
.mermaid-label { font-size: 12px; color: #59636e; margin-bottom: 4px; }
body[data-part] main { max-width: 1120px; padding-top: 16px; }
body[data-part="summary"] #comments, body[data-part="comments"] #summary, body[data-part] .pr-header .small { display: none; }
body[data-part="comments"] .pr-header { display: none; }
body[data-part]::after { content: ''; position: fixed; left: 0; right: 0; bottom: 0; height: 48px; background: linear-gradient(rgba(255, 255, 255, 0), #fff); }
`;
