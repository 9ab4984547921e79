/**
 * The configuration file's schema (`.github/netguide.yml` or `netguide.yml`). It is the single source:
 * `schema/netguide.schema.json` is generated from it for editor completion, and a test keeps the two equal.
 */
const ruleSetting = { enum: ['error', 'warning', 'notice', 'off'] } as const;

export const CONFIG_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://github.com/aks-netguide/aks-netguide/blob/main/schema/netguide.schema.json',
  title: 'aks-netguide configuration',
  type: 'object',
  additionalProperties: false,
  properties: {
    rules: {
      description: 'Severity per rule id (error, warning, notice) or off.',
      type: 'object',
      propertyNames: { pattern: '^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$' },
      additionalProperties: ruleSetting,
    },
    paths: {
      description: 'Which files to analyze, as globs relative to the repository root.',
      type: 'object',
      additionalProperties: false,
      properties: {
        include: { type: 'array', items: { type: 'string', minLength: 1 } },
        exclude: { type: 'array', items: { type: 'string', minLength: 1 } },
      },
    },
    documentation: {
      description: 'The highest severity for clusters defined only in documentation (Markdown), or off.',
      ...ruleSetting,
    },
    'fail-on': {
      description: 'The least severe finding that fails the run (never: always pass).',
      enum: ['error', 'warning', 'notice', 'never'],
    },
    today: {
      description: 'The date treated as today (YYYY-MM-DD), for reproducible countdowns in tests.',
      type: 'string',
      pattern: '^\\d{4}-\\d{2}-\\d{2}$',
    },
    commands: {
      description: 'Slash commands (the GitHub App).',
      type: 'object',
      additionalProperties: false,
      properties: {
        'allow-edited': {
          description: 'Also answer commands in edited comments (off by default, as Atlantis and Prow do).',
          type: 'boolean',
        },
      },
    },
    review: {
      description: 'How the GitHub App reviews pull requests (the Action takes these as inputs).',
      type: 'object',
      additionalProperties: false,
      properties: {
        'filter-mode': {
          description:
            'Which findings count and are commented: on added lines, in the diff context, in changed files, or all.',
          enum: ['added', 'diff_context', 'file', 'nofilter'],
        },
        'comment-mode': {
          description: 'The sticky summary comment: update it, add a new one, hide or delete the old one, or none.',
          enum: ['update', 'new', 'hide-and-new', 'delete-and-new', 'off'],
        },
        'review-comments': { description: 'Post inline review comments on changed lines.', type: 'boolean' },
        'comment-tag': {
          description: "Keeps several installations' summary comments apart.",
          type: 'string',
          pattern: '^[A-Za-z0-9._-]{1,64}$',
        },
      },
    },
    dashboard: {
      description: 'The dashboard issues the GitHub App keeps.',
      type: 'object',
      additionalProperties: false,
      properties: {
        'organization-repository': {
          description:
            'owner/name of the repository that gets the organisation dashboard (one issue over every installation repository).',
          type: 'string',
          pattern: '^[A-Za-z0-9-]{1,39}/[A-Za-z0-9._-]{1,100}$',
        },
      },
    },
  },
} as const;
