/**
 * Builders of realistic Devin session data, shaped exactly like the v3 `SessionInsightsResponse`
 * of the API reference (002). Keys starting with `_` are fake-only metadata: the fake server strips
 * them from every response.
 */

interface FakePullRequest {
  pr_url: string;
  pr_state: string | null;
}

interface FakeIssue {
  id?: string;
  issue: string;
  impact: string;
  label: string;
}

interface FakeActionItem {
  action_item: string;
  issue_id?: string | null;
  type?: string;
}

interface FakeTimelineEvent {
  title: string;
  description: string;
  color?: string;
  issue_id?: string | null;
}

interface FakeFeedbackItem {
  summary: string;
  excerpt: string;
  details: string;
  issue_id?: string | null;
}

interface FakeSuggestedPrompt {
  original_prompt: string;
  suggested_prompt: string;
  feedback_items?: FakeFeedbackItem[];
}

interface FakeNoteUsageItem {
  note_id: string;
  reason: string;
  message: string;
}

export interface FakeAnalysis {
  issues: FakeIssue[];
  action_items: FakeActionItem[];
  timeline: FakeTimelineEvent[];
  suggested_prompt: FakeSuggestedPrompt | null;
  note_usage: { good_usages: FakeNoteUsageItem[]; bad_usages: FakeNoteUsageItem[] } | null;
  classification: {
    category: string;
    confidence: number;
    programming_languages: string[];
    tools_and_frameworks: string[];
  } | null;
  [key: string]: unknown;
}

export interface FakeSession {
  session_id: string;
  url: string;
  status: string;
  status_detail?: string | null;
  title?: string | null;
  tags: string[];
  org_id: string;
  user_id?: string | null;
  /** Unix seconds. */
  created_at: number;
  /** Unix seconds. */
  updated_at: number;
  acus_consumed: number;
  pull_requests: FakePullRequest[];
  num_user_messages: number;
  num_devin_messages: number;
  session_size: string;
  category?: string | null;
  subcategory?: string | null;
  /** Any object: tests may store malformed analyses on purpose. */
  analysis?: object | null;
  child_session_ids?: string[] | null;
  parent_session_id?: string | null;
  playbook_id?: string | null;
  service_user_id?: string | null;
  origin?: string | null;
  is_advanced?: boolean;
  is_archived?: boolean;
  structured_output?: Record<string, unknown> | null;
  /** v2 only: the `initial_user_message` of the v2 endpoint. */
  _initial_user_message?: string | null;
  /** v2 only: overrides the server's `v2PullRequestSpelling` for this session. */
  _v2_pr_spelling?: 'v3' | 'v2' | 'both';
  /** Off the documented contract on purpose: answers that carry this session are not checked. */
  _off_contract?: boolean;
  [key: string]: unknown;
}

export const DEFAULT_ORG_ID = 'org-3f9a1c7e2b5d4a60';
const DEFAULT_USER_ID = 'user-8c41d2e97f0b3a56';
/** 2025-10-01T00:00:00Z: fixed so that generated data is reproducible. */
export const BASE_TIME = 1_759_276_800;

let sessionCounter = 0;

/** murmur3's finalizer: a bijection on 32-bit integers, so distinct inputs give distinct ids. */
function mix32(value: number): number {
  let h = value >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function hexId(sequence: number): string {
  let id = '';
  for (let word = 0; word < 4; word++) {
    id += mix32(sequence * 4 + word)
      .toString(16)
      .padStart(8, '0');
  }
  return id;
}

function nextSequence(): number {
  sessionCounter += 1;
  return sessionCounter;
}

function sessionUrl(sessionId: string): string {
  return `https://app.devin.ai/sessions/${sessionId.replace(/^devin-/, '')}`;
}

function sessionSizeFor(acus: number): string {
  if (acus < 2) return 'xs';
  if (acus < 5) return 's';
  if (acus < 12) return 'm';
  if (acus < 25) return 'l';
  return 'xl';
}

const TASKS = [
  {
    title: 'Fix flaky checkout integration test',
    message: 'The checkout integration test fails about one run in five on CI. Find out why and fix it.',
    category: 'bug_fixing',
    tags: ['ci', 'tests'],
  },
  {
    title: 'Add cursor pagination to the orders API',
    message: 'Add cursor based pagination to GET /api/orders, keeping the old offset parameters working.',
    category: 'feature_development',
    tags: ['backend', 'api'],
  },
  {
    title: 'Upgrade React Router from v5 to v6',
    message: 'Upgrade react-router-dom to v6 in the dashboard app and fix everything that breaks.',
    category: 'migrations_and_upgrades',
    tags: ['frontend'],
  },
  {
    title: 'Write unit tests for the invoice calculator',
    message: 'Bring test coverage of src/billing/invoice.ts above 90%.',
    category: 'unit_test_generation',
    tags: ['tests'],
  },
] as const;

export function makeSession(overrides: Partial<FakeSession> = {}): FakeSession {
  const sequence = nextSequence();
  const task = TASKS[sequence % TASKS.length] ?? TASKS[0];
  const acus = Math.round((1.2 + ((sequence * 37) % 240) / 10) * 100) / 100;
  const createdAt = BASE_TIME + sequence * 600;
  const sessionId = overrides.session_id ?? hexId(sequence);
  const defaults: FakeSession = {
    session_id: sessionId,
    url: sessionUrl(sessionId),
    status: 'running',
    status_detail: 'finished',
    title: task.title,
    tags: [...task.tags],
    org_id: DEFAULT_ORG_ID,
    user_id: DEFAULT_USER_ID,
    created_at: createdAt,
    updated_at: createdAt + 1_500 + (sequence % 7) * 300,
    acus_consumed: acus,
    pull_requests: [
      { pr_url: `https://github.com/example-org/example-repo/pull/${1000 + sequence}`, pr_state: 'open' },
    ],
    num_user_messages: 2 + (sequence % 5),
    num_devin_messages: 11 + (sequence % 17),
    session_size: sessionSizeFor(acus),
    category: task.category,
    subcategory: 'Other',
    analysis: makeAnalysis(),
    child_session_ids: [],
    parent_session_id: null,
    playbook_id: null,
    service_user_id: null,
    origin: 'webapp',
    is_advanced: false,
    is_archived: false,
    structured_output: null,
    _initial_user_message: task.message,
  };
  return { ...defaults, ...overrides };
}

function makeIssues(): FakeIssue[] {
  return [
    {
      id: 'issue_1',
      issue:
        'The test database was not running in the environment, so Devin spent 40 minutes on connection errors',
      impact: 'High',
      label: 'Environment',
    },
    {
      id: 'issue_2',
      issue:
        'Snapshot files were edited by hand instead of regenerated with `npm test -- -u`, leaving 4 failing tests',
      impact: 'Medium',
      label: 'Testing',
    },
    {
      id: 'issue_3',
      issue: 'The prompt did not say which branch the work should be based on',
      impact: 'Low',
      label: 'Prompt Clarity',
    },
  ];
}

function makeActionItems(): FakeActionItem[] {
  return [
    {
      issue_id: 'issue_1',
      type: 'machine_setup',
      action_item: 'Start PostgreSQL in the machine setup script (`sudo service postgresql start`)',
    },
    {
      issue_id: 'issue_2',
      type: 'repo_config',
      action_item: 'Document the snapshot update command in CONTRIBUTING.md',
    },
    {
      issue_id: 'issue_2',
      type: 'knowledge',
      action_item: 'Add a Knowledge note: regenerate snapshots, never edit them by hand',
    },
    {
      issue_id: 'issue_3',
      type: 'prompt_improvement',
      action_item: 'Name the base branch in the prompt',
    },
  ];
}

function makeTimeline(): FakeTimelineEvent[] {
  return [
    {
      title: 'Explored the repository',
      description: 'Read the checkout module and its integration tests',
      color: 'blue',
      issue_id: null,
    },
    {
      title: 'Database connection failures',
      description: 'Tests failed with ECONNREFUSED until PostgreSQL was started manually',
      color: 'red',
      issue_id: 'issue_1',
    },
    {
      title: 'Fixed the race condition',
      description: 'Awaited the payment webhook before asserting on the order state',
      color: 'green',
      issue_id: null,
    },
    {
      title: 'Pull request opened',
      description: 'Opened a PR with the fix and a regression test',
      color: 'green',
      issue_id: null,
    },
  ];
}

function makeSuggestedPrompt(): FakeSuggestedPrompt {
  return {
    original_prompt: 'Fix the flaky checkout test',
    suggested_prompt:
      'Fix the flaky checkout integration test (tests/checkout.int.test.ts) on a branch from main. ' +
      'Start PostgreSQL before running the tests, and regenerate snapshots with `npm test -- -u` if needed.',
    feedback_items: [
      {
        issue_id: 'issue_3',
        summary: 'Missing base branch',
        excerpt: 'Fix the flaky checkout test',
        details: 'Say which branch to start from so that Devin does not have to guess',
      },
      {
        issue_id: 'issue_1',
        summary: 'Missing environment hint',
        excerpt: 'Fix the flaky checkout test',
        details: 'Mention that the integration tests need a running PostgreSQL',
      },
    ],
  };
}

export function makeAnalysis(overrides: Partial<FakeAnalysis> = {}): FakeAnalysis {
  return {
    issues: makeIssues(),
    action_items: makeActionItems(),
    timeline: makeTimeline(),
    suggested_prompt: makeSuggestedPrompt(),
    note_usage: {
      good_usages: [
        {
          note_id: 'note-7d2e',
          reason: 'Followed the test command',
          message: 'Ran `npm run test:int` as noted',
        },
      ],
      bad_usages: [
        { note_id: 'note-19ab', reason: 'Ignored the setup note', message: 'Did not start services first' },
      ],
    },
    classification: {
      category: 'bug_fixing',
      confidence: 0.87,
      programming_languages: ['TypeScript', 'SQL'],
      tools_and_frameworks: ['Node.js', 'PostgreSQL', 'Vitest'],
    },
    ...overrides,
  };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

export interface BulkOptions {
  orgId?: string;
  /** updated_at of the first session (unix seconds); the others follow upward. */
  startAt: number;
  stepSeconds?: number;
  /** Pull request URLs are `${prUrlBase}/${n}`. */
  prUrlBase?: string;
}

const BULK_STATUSES = ['exit', 'running', 'suspended', 'running', 'exit'] as const;

/**
 * Many unrelated sessions, cheap enough for 100,000: every third one shares a single deep-frozen analysis
 * (which the fake serialises once), half of them have one pull request on an unrelated repository.
 */
export function bulkSessions(count: number, options: BulkOptions): FakeSession[] {
  const orgId = options.orgId ?? DEFAULT_ORG_ID;
  const step = options.stepSeconds ?? 60;
  const prUrlBase = (options.prUrlBase ?? 'https://github.com/unrelated-org/unrelated-repo/pull').replace(
    /\/+$/,
    '',
  );
  const sharedAnalysis = deepFreeze(makeAnalysis());
  const sessions: FakeSession[] = new Array(count);
  for (let index = 0; index < count; index++) {
    const sessionId = hexId(nextSequence());
    const updatedAt = options.startAt + index * step;
    sessions[index] = {
      session_id: sessionId,
      url: sessionUrl(sessionId),
      status: BULK_STATUSES[index % BULK_STATUSES.length] ?? 'exit',
      status_detail: null,
      title: `Background task ${index + 1}`,
      tags: ['bulk'],
      org_id: orgId,
      user_id: DEFAULT_USER_ID,
      created_at: updatedAt - 900,
      updated_at: updatedAt,
      acus_consumed: 0.5 + (index % 40) / 4,
      pull_requests: index % 2 === 0 ? [{ pr_url: `${prUrlBase}/${index + 1}`, pr_state: 'merged' }] : [],
      num_user_messages: 1 + (index % 4),
      num_devin_messages: 5 + (index % 30),
      session_size: sessionSizeFor(0.5 + (index % 40) / 4),
      category: 'other',
      analysis: index % 3 === 0 ? sharedAnalysis : null,
      _initial_user_message: null,
    };
  }
  return sessions;
}
