/**
 * The documentation says what the action does: the README's tables are generated from action.yml and current,
 * every workflow in the README and docs/ is valid YAML that uses only inputs action.yml declares, every link
 * and anchor leads somewhere, and CI, Dependabot and the Markdown are in order.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Configuration } from 'markdownlint';
import { lint } from 'markdownlint/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import {
  type ActionMetadata,
  inputsTable,
  outputsTable,
  README,
  readActionMetadata,
  updateReadme,
} from '../../scripts/readme-tables.ts';
import { type StandIns, startStandIns } from '../../scripts/stand-ins.ts';

const THIS_ACTION = /^devin-insights\/devin-session-insights-action@v1$/;
const PULL_REQUEST_TYPES = ['opened', 'reopened', 'ready_for_review', 'synchronize', 'closed'];
/** Where a label can accept a failed gate, adding or removing it must run the check again. */
const LABEL_TYPES = ['labeled', 'unlabeled'];

/** A workflow expression, `${{ inner }}`. */
const expression = (inner: string) => `\${{ ${inner} }}`;

const projectFile = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const readProjectFile = (path: string) => readFileSync(projectFile(path), 'utf8');

const action = readActionMetadata();
const readme = readFileSync(README, 'utf8');
/** Every Markdown file a reader reaches from the README, by path from the project's root. */
const MARKDOWN_FILES = [
  'README.md',
  'CHANGELOG.md',
  ...readdirSync(projectFile('docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];
const USER_DOCS = MARKDOWN_FILES.filter((path) => path !== 'CHANGELOG.md');
/** The README is read first and whole: what it holds must be read in minutes. */
const README_MAX_BYTES = 15 * 1024;

type Yaml = Record<string, unknown>;

interface Step {
  uses?: string;
  run?: string;
  id?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}

interface Job {
  name?: string;
  /** A reusable workflow that the job calls instead of running steps. */
  uses?: string;
  'runs-on'?: string;
  permissions?: Record<string, string>;
  concurrency?: { group?: string; 'cancel-in-progress'?: boolean };
  steps?: Step[];
}

interface Workflow {
  name?: string;
  on?: Record<string, unknown>;
  permissions?: Record<string, string>;
  concurrency?: { group?: string; 'cancel-in-progress'?: boolean };
  jobs?: Record<string, Job>;
}

/** Parses YAML strictly: any error or warning fails. */
function parseYaml(text: string, where: string): unknown {
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  expect(document.errors.map(String), `YAML errors in ${where}`).toEqual([]);
  expect(document.warnings.map(String), `YAML warnings in ${where}`).toEqual([]);
  return document.toJS();
}

/** The ```yaml blocks of a Markdown text, with the line each starts on. */
function yamlBlocks(markdown: string): { line: number; text: string }[] {
  return [...markdown.matchAll(/^```ya?ml\n([\s\S]*?)^```$/gm)].map((match) => ({
    line: markdown.slice(0, match.index).split('\n').length,
    text: match[1] ?? '',
  }));
}

/** A workflow whose jobs call a reusable workflow, which runs the action. */
function callsReusableWorkflow(workflow: Workflow): boolean {
  const jobs = Object.values(workflow.jobs ?? {});
  return jobs.length > 0 && jobs.every((job) => /\/\.github\/workflows\/[^@]+\.ya?ml@/.test(job.uses ?? ''));
}

/** A reusable workflow: its callers hold the concurrency group. */
function isReusable(workflow: Workflow): boolean {
  return workflow.on !== undefined && 'workflow_call' in workflow.on;
}

function steps(workflow: Workflow): Step[] {
  return Object.values(workflow.jobs ?? {}).flatMap((job) => job.steps ?? []);
}

function stepsUsing(workflow: Workflow, uses: RegExp): Step[] {
  return steps(workflow).filter((step) => typeof step.uses === 'string' && uses.test(step.uses));
}

/** Each step of this action passes only declared inputs, and always the required ones. */
function expectValidInputs(step: Step, where: string): void {
  const given = Object.keys(step.with ?? {});
  const declared = Object.keys(action.inputs);
  expect(
    given.filter((name) => !declared.includes(name)),
    `undeclared inputs in ${where}`,
  ).toEqual([]);
  const required = Object.entries(action.inputs)
    .filter(([, input]) => input.required === true)
    .map(([name]) => name);
  expect(required).toContain('devin-api-key');
  for (const name of required) expect(given, `required input in ${where}`).toContain(name);
}

/** Workflow-level or, failing that, every job's. */
function everyJobHas<K extends 'permissions' | 'concurrency'>(workflow: Workflow, key: K): Job[K][] {
  if (workflow[key] !== undefined) return [workflow[key] as Job[K]];
  return Object.values(workflow.jobs ?? {}).map((job) => job[key]);
}

/** The cells of the rows that name something in backticks (`| \`name\` | … |`), in a slice of Markdown. */
function namedRows(markdown: string): string[][] {
  return markdown
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) =>
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    );
}

function tableRows(section: string): string[][] {
  const start = readme.indexOf(`<!-- ${section}:start -->`);
  const end = readme.indexOf(`<!-- ${section}:end -->`);
  return namedRows(readme.slice(start, end));
}

describe('README tables', () => {
  it('are what `npm run docs` writes from action.yml', () => {
    expect(updateReadme(readme, action), 'README.md is out of date: run `npm run docs`').toBe(readme);
  });

  it('list every input with its default and description, in action.yml order', () => {
    const rows = tableRows('inputs');
    expect(rows.map((row) => row[0])).toEqual(Object.keys(action.inputs).map((name) => `\`${name}\``));
    for (const [name, cell, description] of rows) {
      const input = action.inputs[(name ?? '').slice(1, -1)];
      const expected = input?.required ? 'required' : input?.default ? `\`${input.default}\`` : 'empty';
      expect(cell).toBe(expected);
      expect(description).toBe(input?.description.replace(/\s+/g, ' ').trim());
    }
    expect(rows.find((row) => row[0] === '`github-token`')?.[1]).toBe(`\`${expression('github.token')}\``);
  });

  it('list every output with its description', () => {
    const rows = tableRows('outputs');
    expect(rows.map((row) => row[0])).toEqual(Object.keys(action.outputs).map((name) => `\`${name}\``));
    for (const [name, description] of rows) {
      expect(description).toBe(action.outputs[(name ?? '').slice(1, -1)]?.description);
    }
  });

  it('change when action.yml does, so a stale README fails', () => {
    const changed: ActionMetadata = structuredClone(action);
    const search = changed.inputs.search;
    if (search) search.description = 'Something else | with a pipe.';
    expect(updateReadme(readme, changed)).not.toBe(readme);
    expect(inputsTable(changed)).toContain('| `search` | `auto` | Something else \\| with a pipe. |');
    expect(outputsTable(action).split('\n')[0]).toBe('| output | description |');
  });

  it('refuse a README without its markers', () => {
    expect(() => updateReadme('# No tables here\n', action)).toThrow(/inputs:start/);
    const doubled = `${readme}\n<!-- outputs:start -->\n<!-- outputs:end -->\n`;
    expect(() => updateReadme(doubled, action)).toThrow(/outputs:start/);
  });
});

describe('action.yml', () => {
  it('describes every input and output, and runs the bundle on node24', () => {
    for (const [name, entry] of [...Object.entries(action.inputs), ...Object.entries(action.outputs)]) {
      expect(entry.description.trim(), name).not.toBe('');
    }
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
  });
});

describe('Workflows in the README and docs/', () => {
  // Whole workflows; a block of a few steps (docs/organisation.md has one) is checked where it is shown.
  const workflows = USER_DOCS.flatMap((path) =>
    yamlBlocks(readProjectFile(path)).map(({ line, text }) => ({
      where: `the YAML block at ${path} line ${line}`,
      workflow: parseYaml(text, `${path} line ${line}`) as Workflow,
    })),
  ).filter(({ workflow }) => !Array.isArray(workflow));

  it('are all valid YAML workflows that run this action', () => {
    expect(workflows.length).toBeGreaterThanOrEqual(4);
    for (const { where, workflow } of workflows) {
      expect(workflow.on, where).toBeTypeOf('object');
      expect(Object.keys(workflow.jobs ?? {}).length, where).toBeGreaterThan(0);
      if (callsReusableWorkflow(workflow)) continue;
      for (const job of Object.values(workflow.jobs ?? {}))
        expect(job['runs-on'], where).toBe('ubuntu-latest');
      expect(stepsUsing(workflow, THIS_ACTION).length, where).toBeGreaterThan(0);
    }
  });

  it('pass only inputs that action.yml declares, and the Devin key from a secret', () => {
    for (const { where, workflow } of workflows) {
      for (const step of stepsUsing(workflow, /devin-session-insights-action/)) {
        expect(step.uses, where).toMatch(THIS_ACTION);
        expectValidInputs(step, where);
        expect(step.with?.['devin-api-key'], where).toBe(expression('secrets.DEVIN_API_KEY'));
      }
    }
  });

  it('give the token pull-requests: write, unless the action is given another token', () => {
    const ownToken = (workflow: Workflow) =>
      stepsUsing(workflow, THIS_ACTION).every((step) => step.with?.['github-token'] === undefined);
    for (const { where, workflow } of workflows.filter(({ workflow }) => ownToken(workflow))) {
      for (const permissions of everyJobHas(workflow, 'permissions')) {
        expect(permissions, where).toBeTypeOf('object');
        expect(permissions?.['pull-requests'], where).toBe('write');
        for (const value of Object.values(permissions ?? {}))
          expect(['read', 'write', 'none']).toContain(value);
      }
    }
  });

  it('never run two runs on one pull request at once', () => {
    for (const { where, workflow } of workflows.filter(({ workflow }) => !isReusable(workflow))) {
      const scheduled = workflow.on !== undefined && 'schedule' in workflow.on;
      for (const concurrency of everyJobHas(workflow, 'concurrency')) {
        expect(concurrency?.group, where).toMatch(
          scheduled
            ? /^devin-insights-(repository|organisation)$/
            : /^devin-insights-\$\{\{ (github\.event\.pull_request\.number( \|\| github\.event\.merge_group\.head_ref)?|inputs\.pr-number) \}\}$/,
        );
        expect(concurrency?.['cancel-in-progress'], where).toBe(false);
      }
    }
  });

  it('cover repository mode on a schedule, uploading the CSV', () => {
    const scheduled = workflows.filter(({ workflow }) => workflow.on && 'schedule' in workflow.on);
    expect(scheduled.length).toBeGreaterThan(0);
    for (const { workflow } of scheduled) {
      const [step] = stepsUsing(workflow, THIS_ACTION);
      expect(step?.with?.['pr-number']).toBeUndefined();
      const upload = stepsUsing(workflow, /^actions\/upload-artifact@/);
      expect(String(upload[0]?.with?.path)).toContain(expression(`steps.${step?.id}.outputs.report-csv`));
    }
  });

  it('cover pull_request, pull_request_target, workflow_dispatch and a required check with merge_group', () => {
    const on = (event: string) => workflows.filter(({ workflow }) => workflow.on && event in workflow.on);

    const pullRequest = on('pull_request');
    expect(pullRequest.length).toBeGreaterThan(0);
    for (const { where, workflow } of [...pullRequest, ...on('pull_request_target')]) {
      const trigger = (workflow.on?.pull_request ?? workflow.on?.pull_request_target) as { types?: string[] };
      const overridable =
        callsReusableWorkflow(workflow) ||
        stepsUsing(workflow, THIS_ACTION).some((step) => step.with?.['override-label'] !== undefined);
      expect(trigger.types, where).toEqual(
        overridable ? [...PULL_REQUEST_TYPES, ...LABEL_TYPES] : PULL_REQUEST_TYPES,
      );
    }

    const target = on('pull_request_target');
    expect(target).toHaveLength(1);
    // Safe only because nothing from the pull request is checked out or run.
    for (const { workflow } of target) {
      expect(stepsUsing(workflow, /^actions\/checkout@/)).toEqual([]);
      expect(steps(workflow).filter((step) => step.run !== undefined)).toEqual([]);
    }

    const dispatch = on('workflow_dispatch').filter(({ workflow }) => !('schedule' in (workflow.on ?? {})));
    expect(dispatch).toHaveLength(1);
    for (const { workflow } of dispatch) {
      const trigger = workflow.on?.workflow_dispatch as { inputs?: Yaml } | undefined;
      const inputs = trigger?.inputs ?? {};
      expect(inputs['pr-number']).toMatchObject({ required: true });
      for (const step of stepsUsing(workflow, THIS_ACTION)) {
        expect(step.with?.['pr-number']).toBe(expression('inputs.pr-number'));
      }
    }

    const gated = pullRequest.filter(({ workflow }) =>
      stepsUsing(workflow, THIS_ACTION).some((step) => step.with?.['fail-on-labels'] !== undefined),
    );
    expect(gated.length).toBeGreaterThan(0);
    const check = gated.find(({ workflow }) => Object.values(workflow.jobs ?? {}).some((job) => job.name));
    const checkName = Object.values(check?.workflow.jobs ?? {}).find((job) => job.name)?.name ?? '';
    expect(checkName).not.toBe('');
    // A required check that does not run in the merge queue holds the queue forever.
    expect(Object.keys(check?.workflow.on ?? {})).toContain('merge_group');

    const overridden = gated.filter(({ workflow }) =>
      stepsUsing(workflow, THIS_ACTION).some((step) => step.with?.['override-label']),
    );
    expect(overridden.length).toBeGreaterThan(0);
  });

  it('include a reusable workflow for organisations, and a caller that passes the secret on', () => {
    const reusable = workflows.filter(({ workflow }) => isReusable(workflow));
    expect(reusable).toHaveLength(1);
    const callers = workflows.filter(({ workflow }) => callsReusableWorkflow(workflow));
    expect(callers).toHaveLength(1);
    for (const { where, workflow } of callers) {
      for (const job of Object.values(workflow.jobs ?? {}))
        expect((job as Yaml).secrets, where).toBe('inherit');
    }
  });
});

describe('README and docs/', () => {
  it('keep the README short enough to read in minutes', () => {
    expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(README_MAX_BYTES);
  });

  it('link only to files and headings that exist', () => {
    const broken: string[] = [];
    for (const path of MARKDOWN_FILES) {
      for (const target of relativeLinks(readProjectFile(path))) {
        const [file = '', anchor] = target.split('#');
        const resolved =
          file === '' ? path : relative(projectFile(''), join(dirname(projectFile(path)), file));
        if (!existsSync(projectFile(resolved))) broken.push(`${path}: ${target} (no such file)`);
        else if (
          anchor !== undefined &&
          resolved.endsWith('.md') &&
          !anchors(readProjectFile(resolved)).has(anchor)
        )
          broken.push(`${path}: ${target} (no such heading)`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('name only project paths that exist', () => {
    const missing = USER_DOCS.flatMap((path) =>
      [...readProjectFile(path).matchAll(/`((?:src|scripts|test|docs)\/[^`\s*]+)`/g)]
        .map((match) => match[1] ?? '')
        .filter((named) => !existsSync(projectFile(named)))
        .map((named) => `${path}: ${named}`),
    );
    expect(missing).toEqual([]);
  });

  it('read links and headings as the link check needs them', () => {
    expect(relativeLinks('[a](docs/x.md#y) [b](https://example.com) [c](#z)')).toEqual(['docs/x.md#y', '#z']);
    expect(
      anchors("# Title\n\n## The repository's week: `schedule`\n\n```sh\n# not a heading\n```\n"),
    ).toEqual(new Set(['title', 'the-repositorys-week-schedule']));
  });

  it('explain the API errors a user meets first', () => {
    const troubleshooting = readProjectFile('docs/troubleshooting.md');
    for (const topic of [
      '401',
      '403',
      'ViewAccountSessions',
      'ViewOrgSessions',
      'ManageOrgSessions',
      'apk_user_',
    ])
      expect(troubleshooting).toContain(topic);
  });
});

/** The targets of a Markdown text's links and images that stay in the project (not URLs). */
function relativeLinks(markdown: string): string[] {
  const prose = markdown.replace(/^```[\s\S]*?^```$/gm, '');
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1] ?? '')
    .filter((target) => !/^[a-z]+:/i.test(target));
}

/** The anchors GitHub gives a Markdown text's headings. */
function anchors(markdown: string): Set<string> {
  const prose = markdown.replace(/^```[\s\S]*?^```$/gm, '');
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const [, heading = ''] of prose.matchAll(/^#{1,6} (.+)$/gm)) {
    const slug = heading
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    result.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return result;
}

/**
 * markdownlint's defaults, less MD013 line-length: table rows are one line each however long, and the prose
 * wraps at about 110 columns rather than 80. MD033 no-inline-html stays on: the markers around the generated
 * tables are HTML comments, which it allows.
 */
const DOCS_LINT_CONFIG: Configuration = { default: true, MD013: false };

describe('Markdown files', () => {
  it.each(MARKDOWN_FILES)('%s passes markdownlint', (path) => {
    const results = lint({ strings: { [path]: readProjectFile(path) }, config: DOCS_LINT_CONFIG });
    expect(
      (results[path] ?? []).map(
        (error) =>
          `${path}:${error.lineNumber} ${error.ruleNames.join('/')} ${error.errorDetail ?? ''} ${error.errorContext ?? ''}`,
      ),
    ).toEqual([]);
  });
});

describe('docs/organisation.md', () => {
  const text = readProjectFile('docs/organisation.md');

  it('holds workflows and steps that are valid YAML and pass this action only declared inputs', () => {
    const blocks = yamlBlocks(text);
    expect(blocks.length).toBeGreaterThan(1);
    for (const block of blocks) {
      const where = `docs/organisation.md:${block.line}`;
      const parsed = parseYaml(block.text, where);
      // A whole workflow, or the steps of one.
      const blockSteps = Array.isArray(parsed) ? (parsed as Step[]) : steps(parsed as Workflow);
      const ours = blockSteps.filter((step) => THIS_ACTION.test(step.uses ?? ''));
      expect(ours.length, where).toBeGreaterThan(0);
      for (const step of ours) expectValidInputs(step, where);
    }
  });

  it('runs the organisation over every repository of the owner, with the App token of the step before', () => {
    const [scheduled] = yamlBlocks(text).map(
      (block) => parseYaml(block.text, 'docs/organisation.md') as Workflow,
    );
    const [token, insights] = steps(scheduled as Workflow);
    expect(token?.uses).toMatch(/^actions\/create-github-app-token@v\d+$/);
    expect(insights?.with).toMatchObject({
      repositories: 'my-org/*',
      'github-token': expression(`steps.${token?.id}.outputs.token`),
    });
    expect(Object.keys((scheduled as Workflow).on ?? {})).toEqual(['schedule', 'workflow_dispatch']);
  });
});

describe('.github/workflows/ci.yml', () => {
  const ci = parseYaml(readProjectFile('.github/workflows/ci.yml'), 'ci.yml') as Workflow;
  let standIns: StandIns;

  beforeAll(async () => {
    standIns = await startStandIns();
  });
  afterAll(async () => {
    await standIns.close();
  });

  it('runs on pushes and pull requests', () => {
    expect(Object.keys(ci.on ?? {})).toEqual(expect.arrayContaining(['push', 'pull_request']));
    expect(ci.permissions).toEqual({ contents: 'read' });
  });

  it('checks out, sets up Node from .node-version with the npm cache, and runs .ci/run', () => {
    for (const job of Object.values(ci.jobs ?? {})) {
      expect(job['runs-on']).toBe('ubuntu-latest');
      const jobSteps = job.steps ?? [];
      expect(jobSteps[0]?.uses).toMatch(/^actions\/checkout@/);
      expect(jobSteps[1]?.uses).toMatch(/^actions\/setup-node@/);
      expect(jobSteps[1]?.with).toEqual({ 'node-version-file': '.node-version', cache: 'npm' });
    }
    expect(steps(ci).filter((step) => step.run === 'bash .ci/run')).toHaveLength(1);
    expect(readProjectFile('.node-version').trim()).toMatch(/^24(\.|$)/);
  });

  it('runs the action on itself with uses: ./ against the stand-ins', () => {
    const [self, ...others] = stepsUsing(ci, /^\.\/$/);
    expect(others).toEqual([]);
    expect(self).toBeDefined();
    expectValidInputs(self as Step, 'ci.yml');
    expect(self?.with?.['devin-api-url']).toBe(expression('env.DEVIN_STAND_IN_URL'));
    expect(self?.env?.NODE_OPTIONS).toBe(expression('env.STAND_INS_NODE_OPTIONS'));
    expect(steps(ci).some((step) => step.run === 'node scripts/stand-ins.ts')).toBe(true);
  });

  it('reads only variables that the stand-ins write to GITHUB_ENV', () => {
    const text = readProjectFile('.github/workflows/ci.yml');
    const used = new Set([
      ...[...text.matchAll(/\$\{\{ env\.([A-Z_]+) \}\}/g)].map((match) => match[1]),
      ...[...text.matchAll(/\$(?:\{)?((?:DEVIN|GITHUB)_STAND_IN[A-Z_]*|STAND_INS_[A-Z_]+)/g)].map(
        (match) => match[1],
      ),
    ]);
    expect(used.size).toBeGreaterThan(0);
    for (const name of used) expect(Object.keys(standIns.variables)).toContain(name);
  });
});

describe('.github/dependabot.yml', () => {
  it('updates npm packages and GitHub Actions', () => {
    const config = parseYaml(readProjectFile('.github/dependabot.yml'), 'dependabot.yml') as {
      version: number;
      updates: { 'package-ecosystem': string; directory: string; schedule: { interval: string } }[];
    };
    expect(config.version).toBe(2);
    expect(config.updates.map((update) => update['package-ecosystem']).sort()).toEqual([
      'github-actions',
      'npm',
    ]);
    for (const update of config.updates) {
      expect(update.directory).toBe('/');
      expect(['daily', 'weekly', 'monthly']).toContain(update.schedule.interval);
    }
  });
});
