import { createHash } from 'node:crypto';

/** A file snapshot: path -> UTF-8 content. Binary files are strings containing a NUL byte. */
export type Snapshot = ReadonlyMap<string, string>;

export interface TreeEntry {
  path: string;
  /** Git modes as the REST API prints them: "100644" for files, "120000" for symbolic links, "040000" for directories. */
  mode: '100644' | '120000' | '040000';
  type: 'blob' | 'tree';
  sha: string;
  /** Bytes; blobs only. */
  size?: number;
}

interface CommitObject {
  sha: string;
  tree: string;
  parent: string | undefined;
  message: string;
  files: Snapshot;
  /** Paths that are symbolic links (their content is the target path). */
  links: ReadonlySet<string>;
}

interface TreeObject {
  sha: string;
  /** Direct children, in git order. */
  entries: TreeEntry[];
}

/**
 * Content-addressed storage shared by every repository of the fake (forks share objects on
 * GitHub too). Blob and tree ids are real git object ids, so `git hash-object` agrees with them;
 * commit ids hash a fixed author and date, so the same snapshot on the same parent gives the
 * same commit.
 */
export class ObjectStore {
  readonly blobs = new Map<string, string>();
  readonly trees = new Map<string, TreeObject>();
  readonly commits = new Map<string, CommitObject>();

  commit(files: Record<string, FileSpec>, parent?: string, message = 'fake commit'): string {
    const snapshot = new Map(parent === undefined ? [] : this.snapshot(parent));
    const links = new Set(parent === undefined ? [] : (this.commits.get(parent)?.links ?? []));
    for (const [path, content] of Object.entries(files)) {
      const clean = path.replace(/^\/+/, '');
      links.delete(clean);
      if (content === null) snapshot.delete(clean);
      else if (typeof content === 'string') snapshot.set(clean, content);
      else {
        snapshot.set(clean, content.symlink);
        links.add(clean);
      }
    }
    const tree = this.writeTree(snapshot, links);
    const body = [`tree ${tree}`, ...(parent === undefined ? [] : [`parent ${parent}`])]
      .concat([
        'author Fake GitHub <fake@example.com> 1700000000 +0000',
        'committer Fake GitHub <fake@example.com> 1700000000 +0000',
        '',
        message,
        '',
      ])
      .join('\n');
    const sha = gitHash('commit', Buffer.from(body, 'utf8'));
    const sorted = new Map([...snapshot].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    this.commits.set(sha, { sha, tree, parent, message, files: sorted, links });
    return sha;
  }

  /** Files of a commit; throws for an unknown sha (a bug in the test, not a request error). */
  snapshot(commitSha: string): Snapshot {
    const commit = this.commits.get(commitSha);
    if (!commit) throw new Error(`fake GitHub: unknown commit ${commitSha}`);
    return commit.files;
  }

  getCommit(sha: string): CommitObject | undefined {
    return this.commits.get(sha);
  }

  /** Tree entries below a commit or tree sha; `undefined` when the sha is neither. */
  listTree(sha: string, recursive: boolean): { sha: string; entries: TreeEntry[] } | undefined {
    const treeSha = this.commits.get(sha)?.tree ?? sha;
    const tree = this.trees.get(treeSha);
    if (!tree) return undefined;
    if (!recursive) return { sha: treeSha, entries: tree.entries };
    const entries: TreeEntry[] = [];
    const walk = (node: TreeObject, prefix: string): void => {
      for (const entry of node.entries) {
        const path = prefix + entry.path;
        entries.push({ ...entry, path });
        if (entry.type === 'tree') walk(this.trees.get(entry.sha) as TreeObject, `${path}/`);
      }
    };
    walk(tree, '');
    return { sha: treeSha, entries };
  }

  private writeTree(files: Snapshot, links: ReadonlySet<string>): string {
    const root: DirNode = new Map();
    for (const [path, content] of files) {
      const parts = path.split('/');
      let dir = root;
      for (const part of parts.slice(0, -1)) {
        let child = dir.get(part);
        if (typeof child !== 'object') {
          child = new Map();
          dir.set(part, child);
        }
        dir = child;
      }
      dir.set(parts.at(-1) as string, content);
    }
    return this.writeDir(root, links, '');
  }

  private writeDir(dir: DirNode, links: ReadonlySet<string>, prefix: string): string {
    const entries: TreeEntry[] = [];
    for (const [name, child] of dir) {
      if (typeof child === 'string') {
        const sha = gitHash('blob', Buffer.from(child, 'utf8'));
        this.blobs.set(sha, child);
        const mode = links.has(prefix + name) ? '120000' : '100644';
        entries.push({ path: name, mode, type: 'blob', sha, size: Buffer.byteLength(child, 'utf8') });
      } else {
        entries.push({
          path: name,
          mode: '040000',
          type: 'tree',
          sha: this.writeDir(child, links, `${prefix}${name}/`),
        });
      }
    }
    // Git sorts tree entries by name, comparing directories as if they ended in "/".
    const key = (entry: TreeEntry): string => (entry.type === 'tree' ? `${entry.path}/` : entry.path);
    entries.sort((a, b) => Buffer.compare(Buffer.from(key(a)), Buffer.from(key(b))));
    const body = Buffer.concat(
      entries.map((entry) =>
        Buffer.concat([
          Buffer.from(`${entry.type === 'tree' ? '40000' : entry.mode} ${entry.path}\0`, 'utf8'),
          Buffer.from(entry.sha, 'hex'),
        ]),
      ),
    );
    const sha = gitHash('tree', body);
    this.trees.set(sha, { sha, entries });
    return sha;
  }
}

type DirNode = Map<string, string | DirNode>;

/** A file's content, `null` to delete it, or a symbolic link to a target path. */
export type FileSpec = string | null | { symlink: string };

function gitHash(type: 'blob' | 'tree' | 'commit', body: Buffer): string {
  return createHash('sha1')
    .update(Buffer.concat([Buffer.from(`${type} ${body.length}\0`), body]))
    .digest('hex');
}

/** Git's own heuristic: a NUL byte in the content means binary. */
export function isBinary(content: string): boolean {
  return content.includes('\0');
}
