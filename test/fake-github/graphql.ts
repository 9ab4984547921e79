// The two GraphQL shapes the project sends, recognised by pattern rather than parsed: a batch of
// `object(expression: "<rev>:<path>")` blob reads under one `repository`, and `minimizeComment`.
// Anything else gets GitHub's error envelope with HTTP 200.

export interface BlobLookup {
  kind: 'blob';
  text: string;
}

export interface GraphqlPorts {
  /** Whether `owner/name` exists in the fake. */
  hasRepository(owner: string, name: string): boolean;
  /** Content at `<rev>:<path>`: a blob, `'tree'` for a directory, `undefined` when missing. */
  readObject(owner: string, name: string, rev: string, path: string): BlobLookup | 'tree' | undefined;
  /** Minimizes an issue or review comment by node id; false when no such comment. */
  minimize(subjectId: string, classifier: string): boolean;
  canWrite: boolean;
  maxBlobTextBytes: number;
}

export interface GraphqlResult {
  data?: Record<string, unknown> | null;
  errors?: { message: string; type?: string; path?: string[]; locations?: { line: number; column: number }[] }[];
}

const CLASSIFIERS = new Set(['SPAM', 'ABUSE', 'OFF_TOPIC', 'OUTDATED', 'DUPLICATE', 'RESOLVED']);
const STRING = String.raw`"(?:[^"\\]|\\.)*"`;
const VALUE = String.raw`(?:${STRING}|\$[A-Za-z_]\w*|[A-Za-z_]\w*)`;

export function executeGraphql(query: string, variables: Record<string, unknown>, ports: GraphqlPorts): GraphqlResult {
  const operation = /^\s*(?<kind>query|mutation)?\b/.exec(query)?.groups?.kind ?? 'query';
  if (operation === 'mutation' && /\bminimizeComment\s*\(/.test(query)) return minimize(query, variables, ports);
  if (operation === 'query' && /\brepository\s*\(/.test(query)) return readBlobs(query, variables, ports);
  return { errors: [{ message: `fake GitHub: unsupported GraphQL document: ${query.slice(0, 200)}` }] };
}

function readBlobs(query: string, variables: Record<string, unknown>, ports: GraphqlPorts): GraphqlResult {
  const args = new RegExp(String.raw`\brepository\s*\((?<args>[^)]*)\)\s*\{`).exec(query)?.groups?.args ?? '';
  const owner = argument(args, 'owner', variables);
  const name = argument(args, 'name', variables);
  if (typeof owner !== 'string' || typeof name !== 'string') {
    return { errors: [{ message: 'fake GitHub: repository(owner:, name:) needs two string arguments' }] };
  }
  if (!ports.hasRepository(owner, name)) {
    return {
      data: { repository: null },
      errors: [
        {
          type: 'NOT_FOUND',
          path: ['repository'],
          message: `Could not resolve to a Repository with the name '${owner}/${name}'.`,
        },
      ],
    };
  }
  const wants = (field: string): boolean => new RegExp(String.raw`\b${field}\b`).test(query);
  const repository: Record<string, unknown> = {};
  const objectPattern = new RegExp(
    String.raw`(?:(?<alias>[A-Za-z_]\w*)\s*:\s*)?\bobject\s*\(\s*expression\s*:\s*(?<expression>${VALUE})\s*\)`,
    'g',
  );
  for (const match of query.matchAll(objectPattern)) {
    const key = match.groups?.alias ?? 'object';
    const expression = literal(match.groups?.expression ?? '', variables);
    if (typeof expression !== 'string') {
      return { errors: [{ message: `fake GitHub: expression for ${key} is not a string` }] };
    }
    const colon = expression.indexOf(':');
    const found =
      colon < 0 ? undefined : ports.readObject(owner, name, expression.slice(0, colon), expression.slice(colon + 1));
    if (found === undefined) {
      repository[key] = null;
    } else if (found === 'tree') {
      repository[key] = { __typename: 'Tree' };
    } else {
      repository[key] = blobFields(found.text, ports.maxBlobTextBytes, wants);
    }
  }
  return { data: { repository } };
}

/**
 * GitHub gives `text: null` for binary blobs. For large blobs it sets `isTruncated`; the fake
 * also returns `text: null` then (over `maxBlobTextBytes`, 512 KiB by default) so a caller can
 * never mistake a prefix for the file.
 */
function blobFields(text: string, maxBytes: number, wants: (field: string) => boolean): Record<string, unknown> {
  const byteSize = Buffer.byteLength(text, 'utf8');
  const isBinary = text.includes('\0');
  const isTruncated = !isBinary && byteSize > maxBytes;
  const all: Record<string, unknown> = {
    __typename: 'Blob',
    byteSize,
    isBinary,
    isTruncated,
    text: isBinary || isTruncated ? null : text,
  };
  return Object.fromEntries(Object.entries(all).filter(([field]) => field === '__typename' || wants(field)));
}

function minimize(query: string, variables: Record<string, unknown>, ports: GraphqlPorts): GraphqlResult {
  const inputText = /\bminimizeComment\s*\(\s*input\s*:\s*(?<input>\{[^}]*\}|\$[A-Za-z_]\w*)\s*\)/.exec(query)?.groups
    ?.input;
  if (inputText === undefined)
    return { errors: [{ message: 'fake GitHub: minimizeComment(input: …) not understood' }] };
  let input: Record<string, unknown>;
  if (inputText.startsWith('$')) {
    const value = variables[inputText.slice(1)];
    input = value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } else {
    input = {
      subjectId: argument(inputText, 'subjectId', variables),
      classifier: argument(inputText, 'classifier', variables),
    };
  }
  const { subjectId, classifier } = input;
  if (typeof subjectId !== 'string' || typeof classifier !== 'string' || !CLASSIFIERS.has(classifier)) {
    return {
      errors: [
        { message: `Argument 'input' on Field 'minimizeComment' has an invalid value (${JSON.stringify(input)}).` },
      ],
    };
  }
  if (!ports.canWrite) {
    return {
      data: { minimizeComment: null },
      errors: [{ type: 'FORBIDDEN', path: ['minimizeComment'], message: 'Resource not accessible by integration' }],
    };
  }
  if (!ports.minimize(subjectId, classifier)) {
    return {
      data: { minimizeComment: null },
      errors: [
        {
          type: 'NOT_FOUND',
          path: ['minimizeComment'],
          message: `Could not resolve to a node with the global id of '${subjectId}'`,
        },
      ],
    };
  }
  return {
    data: {
      minimizeComment: { minimizedComment: { isMinimized: true, minimizedReason: classifier.toLowerCase() } },
    },
  };
}

/** `name: "literal"`, `name: $variable` or `name: ENUM` inside an argument list. */
function argument(args: string, name: string, variables: Record<string, unknown>): unknown {
  const raw = new RegExp(String.raw`\b${name}\s*:\s*(?<value>${VALUE})`).exec(args)?.groups?.value;
  return raw === undefined ? undefined : literal(raw, variables);
}

function literal(raw: string, variables: Record<string, unknown>): unknown {
  if (raw.startsWith('$')) return variables[raw.slice(1)];
  if (raw.startsWith('"')) return JSON.parse(raw) as unknown;
  return raw;
}
