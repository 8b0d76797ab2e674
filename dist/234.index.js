export const id = 234;
export const ids = [234];
export const modules = {

/***/ 5234:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runRepositoryMode: () => (/* binding */ runRepositoryMode)
});

// EXTERNAL MODULE: ./src/devin/connect.ts + 10 modules
var connect = __webpack_require__(3922);
// EXTERNAL MODULE: ./src/devin/matching.ts + 1 modules
var matching = __webpack_require__(3836);
// EXTERNAL MODULE: ./src/model/text.ts
var model_text = __webpack_require__(5086);
// EXTERNAL MODULE: ./src/util/concurrency.ts
var concurrency = __webpack_require__(3731);
// EXTERNAL MODULE: ./src/devin/errors.ts
var errors = __webpack_require__(4533);
// EXTERNAL MODULE: ./src/model/expected-failure.ts
var expected_failure = __webpack_require__(7542);
;// CONCATENATED MODULE: ./src/repository/comment-outcome.ts



/** Pull requests named in a line of the job summary; the log names them all. */
const LISTED_PULL_REQUESTS = 50;
/**
 * `the comment waiting for an analysis on #8`, or `the comments waiting for an analysis on #8, #9`: for the log.
 * `names` are the pull requests' as the run names them (`#8`, or `acme/shop#8` among several repositories).
 */
function waitingComments(names) {
    const comments = names.length === 1 ? 'the comment' : 'the comments';
    return `${comments} waiting for an analysis on ${names.join(', ')}`;
}
/** The job summary's lines on the comments this run finished, and on those it could not, by their names. */
function commentNotes({ updated, unfinished, }) {
    const notes = [];
    if (updated.length > 0) {
        notes.push(`Updated the comment of ${(0,model_text/* countOf */.pq)(updated.length, 'pull request')} that waited for an analysis: ${listed(updated)}.`);
    }
    if (unfinished.length > 0) {
        notes.push(`Could not finish the comment of ${(0,model_text/* countOf */.pq)(unfinished.length, 'pull request')} that waited for an analysis: ${listed(unfinished)}. The workflow log says why; the next run tries again.`);
    }
    return notes;
}
/**
 * Once the period's report is out, what comments left unfinished do to the step. A Devin API failure counts
 * as on a pull request run: an outage fails the step unless if-api-error is warn, any other failure fails it.
 * A comment that GitHub did not take was warned about already and fails nothing, as on a pull request run:
 * if-api-error speaks for the Devin API alone, and the comment keeps its report until the next run.
 */
function settleUnfinished({ unfinished, devinFailure }, name, settings, warn) {
    if (devinFailure === undefined || unfinished.length === 0)
        return;
    const message = `The period report was written, but ${waitingComments(unfinished.map(name))} could not be finished: ${devinFailure.message}`;
    if (!(0,errors/* isOutage */.uD)(devinFailure))
        throw new expected_failure/* ExpectedFailure */.H(message);
    if (settings.ifApiError === 'warn')
        warn(`${message} (if-api-error: warn)`);
    else
        throw new expected_failure/* ExpectedFailure */.H(`${message} Set if-api-error: warn to let the step pass during Devin outages.`);
}
/** `#1, #2 and 3 more`: at most LISTED_PULL_REQUESTS names. */
function listed(names) {
    const shown = names.slice(0, LISTED_PULL_REQUESTS);
    const more = names.length - shown.length;
    return `${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

// EXTERNAL MODULE: ./src/comment/build.ts
var build = __webpack_require__(3425);
// EXTERNAL MODULE: ./src/devin/insights.ts
var insights = __webpack_require__(4459);
// EXTERNAL MODULE: ./src/github/client.ts
var client = __webpack_require__(6584);
// EXTERNAL MODULE: ./src/github/comment.ts
var github_comment = __webpack_require__(7318);
// EXTERNAL MODULE: ./src/github/comment-body.ts
var comment_body = __webpack_require__(7987);
// EXTERNAL MODULE: ./src/github/comment-state.ts
var comment_state = __webpack_require__(466);
// EXTERNAL MODULE: ./src/github/commit-status.ts
var commit_status = __webpack_require__(9974);
// EXTERNAL MODULE: ./src/github/credentials.ts
var credentials = __webpack_require__(6037);
// EXTERNAL MODULE: ./src/github/verdict-status.ts
var verdict_status = __webpack_require__(1741);
// EXTERNAL MODULE: ./src/model/gate.ts
var gate = __webpack_require__(4462);
// EXTERNAL MODULE: ./src/model/pull-request.ts
var pull_request = __webpack_require__(2274);
;// CONCATENATED MODULE: ./src/repository/pending-comments.ts














/** Comments looked up at once: enough to overlap the requests, few enough to stay clear of rate limits. */
const LOOKUPS_AT_ONCE = 4;
/**
 * The action's comments among these open pull requests that were written while some of their sessions had no
 * analysis. A comment GitHub does not let the run read is named in a warning and left alone.
 */
async function findPendingComments(input) {
    const found = [];
    for (let start = 0; start < input.open.length; start += LOOKUPS_AT_ONCE) {
        const batch = input.open.slice(start, start + LOOKUPS_AT_ONCE);
        const looked = await Promise.all(batch.map((pullRequest) => pendingComment(input, pullRequest)));
        for (const comment of looked)
            if (comment)
                found.push(comment);
    }
    return found;
}
/**
 * Finishes the pending comments: reads their sessions as they are now, asks for the analyses of settled
 * sessions, waits for all of them together within wait-timeout, and updates each comment once (and its commit
 * status, with commit-status). Creates no comment. Answers the sessions as they are now, for the period report.
 */
async function finishPendingComments(input) {
    const { pending } = input;
    if (pending.length === 0) {
        input.info('No comment of this action is waiting for an analysis.');
        return { sessions: [], updated: [], unfinished: [] };
    }
    input.info(`Finishing ${(0,model_text/* countOf */.pq)(pending.length, 'comment')} waiting for an analysis: ${pending.map(({ pullRequest }) => input.name(pullRequest)).join(', ')}.`);
    let current;
    try {
        current = await currentSessions(input.devin, pending);
    }
    catch (error) {
        if (!(error instanceof errors/* DevinApiError */.D7))
            throw error;
        // The scan went well: its report is still written, and says which comments wait on.
        const unfinished = pending.map(({ pullRequest }) => refOf(pullRequest));
        input.warn(`Could not finish ${waitingComments(unfinished.map(input.name))}: ${error.message}`);
        return { sessions: [], updated: [], unfinished, devinFailure: error };
    }
    const reported = await (0,insights/* awaitInsights */.w)(input.devin, [...current.values()], {
        generate: input.settings.generate,
        // These pull requests are open: under `auto`, only sessions that have settled are analysed.
        merged: false,
        waitTimeoutSeconds: input.settings.waitTimeoutSeconds,
        pollIntervalSeconds: input.settings.pollIntervalSeconds,
        clock: input.clock,
        info: input.info,
        warn: input.warn,
    });
    const updated = [];
    const unfinished = [];
    for (const { pullRequest, comment, sessionIds, scannedAt } of pending) {
        const entries = reported.filter(({ session }) => sessionIds.has(session.id));
        const context = {
            pullRequest,
            settings: input.settings,
            canGenerate: input.canGenerate,
            runUrl: input.runUrl,
            now: input.clock.now,
            scannedAt,
        };
        const verdict = (0,gate/* evaluateGate */.D)(entries.map(({ session }) => session), input.settings.gate, pullRequest.labels);
        // This run's job summary holds the period's report, not this pull request's: no pointer to it.
        const markdown = (0,comment_body/* commentMarkdown */.r)((0,build/* buildReport */.F)(context, entries, verdict), undefined);
        const published = await comment.publish(markdown, { create: false });
        if (!published) {
            // The publisher has warned why GitHub did not take it.
            unfinished.push(refOf(pullRequest));
            continue;
        }
        updated.push(refOf(pullRequest));
        // The pull request's own run may have passed while this analysis was awaited: the check learns it now.
        if (input.settings.commitStatus && pullRequest.headSha) {
            await (0,commit_status/* setCommitStatus */.M)(input.github, input.settings.commitStatus, { owner: pullRequest.owner, repo: pullRequest.repo, sha: pullRequest.headSha }, (0,verdict_status/* verdictStatus */.c)(verdict, input.settings.gate, entries.length, published.url), input.warn);
        }
    }
    return { sessions: reported.map(({ session }) => session), updated, unfinished };
}
function refOf(pullRequest) {
    return { owner: pullRequest.owner, repo: pullRequest.repo, number: pullRequest.number };
}
async function pendingComment(input, pullRequest) {
    const comment = new github_comment/* CommentPublisher */.Y0(input.github, { owner: pullRequest.owner, repo: pullRequest.repo, issueNumber: pullRequest.number }, input.qualify
        ? (message) => input.warn(`${pullRequest.owner}/${pullRequest.repo}#${pullRequest.number}: ${message}`)
        : input.warn, input.clock);
    let existing;
    try {
        existing = await comment.existing();
    }
    catch (error) {
        input.warn(`Could not read the comments of pull request ${pullRequest.owner}/${pullRequest.repo}#${pullRequest.number}: ${describeGitHubError(error)}`);
        return undefined;
    }
    const state = existing && (0,comment_state/* readState */.un)(existing.body);
    if (!state || state.unanalysed.length === 0)
        return undefined;
    const sessionIds = new Set([...state.sessions, ...(input.named.get(pullRequest.number)?.sessionIds ?? [])]);
    return { pullRequest, comment, sessionIds, scannedAt: state.scannedAt };
}
/**
 * The sessions of the pending comments as they are now, in one listing by id: the scan kept only what the
 * period report reads of them. A session counts only while it still lists the pull request.
 */
async function currentSessions(devin, pending) {
    const wanted = new Set(pending.flatMap(({ sessionIds }) => [...sessionIds]));
    const current = new Map((await devin.listByIds([...wanted])).map((session) => [session.id, session]));
    for (const entry of pending) {
        const target = (0,pull_request/* normalizePullRequestUrl */.lw)(entry.pullRequest.url);
        for (const id of entry.sessionIds) {
            const session = current.get(id);
            const lists = session?.pullRequests.some(({ url }) => (0,pull_request/* normalizePullRequestUrl */.lw)(url) === target);
            if (!lists)
                entry.sessionIds.delete(id);
        }
    }
    return current;
}
/** Why GitHub refused to read a repository's pull requests or comments, in one sentence. */
function describeGitHubError(error) {
    const status = (0,client/* statusOf */.c)(error);
    if (status === 401)
        return (0,credentials/* badCredentials */.m)('the request');
    if (status === 403)
        return `GitHub answered ${status}: the github-token needs 'pull-requests: write' to read pull requests and update comments.`;
    if (status === 404)
        return `GitHub answered ${status}: the repository does not exist, or the github-token cannot see it.`;
    return `${(0,model_text/* logText */.kc)(error instanceof Error ? error.message : String(error), 300)}.`;
}

;// CONCATENATED MODULE: ./src/repository/period.ts
const SECONDS_PER_DAY = 86_400;
/** The `days` days that end at `end` (Unix seconds): what a run with `report-days: days` reads. */
function periodEndingAt(end, days) {
    return { start: end - days * SECONDS_PER_DAY, end };
}
/** Throws a RangeError naming the problem when the period cannot be reported on. */
function period_checkPeriod(period) {
    if (!Number.isFinite(period.start) || !Number.isFinite(period.end)) {
        throw new RangeError(`The report period needs finite Unix seconds, got ${period.start}..${period.end}.`);
    }
    if (period.end <= period.start) {
        throw new RangeError(`The report period ends (${period.end}) before it starts (${period.start}).`);
    }
}
/** Index of the UTC day that holds this instant (days since 1970-01-01). */
function utcDayOf(seconds) {
    return Math.floor(seconds / SECONDS_PER_DAY);
}
/** Every UTC day the period touches, as day indexes: the first and last may be partial. */
function utcDaysOf(period) {
    const first = utcDayOf(period.start);
    return { first, count: utcDayOf(period.end - 1) - first + 1 };
}
/** `YYYY-MM-DD` of a UTC day index. */
function isoDate(day) {
    return new Date(day * SECONDS_PER_DAY * 1000).toISOString().slice(0, 10);
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 16 modules
var core = __webpack_require__(3340);
// EXTERNAL MODULE: ./src/action/outputs.ts + 3 modules
var outputs = __webpack_require__(6475);
// EXTERNAL MODULE: ./src/markdown/sanitize.ts
var sanitize = __webpack_require__(1814);
// EXTERNAL MODULE: ./src/model/decimal.ts
var decimal = __webpack_require__(2078);
// EXTERNAL MODULE: ./src/model/session.ts
var session = __webpack_require__(9741);
;// CONCATENATED MODULE: ./src/repository/csv.ts

const CSV_COLUMNS = [
    'repository',
    'url',
    'number',
    'state',
    'sessions',
    'session_ids',
    'size',
    'acus',
    'acus_unknown_sessions',
    'issues',
    'action_items',
    'unanalysed_sessions',
    'gate',
    'gate_reasons',
];
/** One row per pull request, in the JSON report's order and with its field names; RFC 4180 (CRLF lines). */
function periodReportCsv(report) {
    const rows = report.pullRequests.map((pullRequest) => [
        pullRequest.repository,
        pullRequest.url,
        String(pullRequest.number),
        pullRequest.state,
        String(pullRequest.sessionIds.length),
        pullRequest.sessionIds.join(' '),
        pullRequest.size ?? '',
        (0,decimal/* plainDecimal */.m)(pullRequest.acus),
        String(pullRequest.acusUnknownSessions),
        String(pullRequest.issueCount),
        String(pullRequest.actionItemCount),
        String(pullRequest.unanalysedSessions),
        pullRequest.gate,
        pullRequest.gateReasons.join('; '),
    ]);
    return [[...CSV_COLUMNS], ...rows].map((row) => `${row.map(csvCell).join(',')}\r\n`).join('');
}
/** Characters that make a spreadsheet read a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;
/**
 * One cell: a text a spreadsheet would run as a formula gets a leading apostrophe (OWASP's advice), then
 * RFC 4180 quoting. Plain numbers are left alone: they are ours and never negative here.
 */
function csvCell(value) {
    const safe = FORMULA_START.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
    return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

// EXTERNAL MODULE: ./src/util/largest-fitting.ts
var largest_fitting = __webpack_require__(9290);
// EXTERNAL MODULE: ./src/markdown/format.ts + 1 modules
var format = __webpack_require__(7806);
;// CONCATENATED MODULE: ./src/repository/summary.ts





const FULL_SUMMARY = {
    maxPullRequests: Number.POSITIVE_INFINITY,
    maxLabels: Number.POSITIVE_INFINITY,
    maxActionItemTypes: Number.POSITIVE_INFINITY,
    maxActionItemsPerType: Number.POSITIVE_INFINITY,
    actionItemTextLength: 1000,
};
const REASON_LENGTH = 300;
/** An API that invents a state per pull request must not make the totals line unbounded. */
const MAX_STATES = 10;
const GATE_TEXTS = {
    fail: '❌ failed',
    warn: '⚠️ warning',
    pending: '⏳ pending',
    pass: '✅ passed',
};
function renderPeriodSummary(report, options = {}) {
    const settings = { ...FULL_SUMMARY, ...options };
    const blocks = [
        renderHeading(report),
        renderIncomplete(report),
        renderTotals(report),
        renderPullRequests(report, settings),
        renderAcusPerDay(report),
        renderIssues(report, settings),
        renderActionItems(report, settings),
        (0,format/* renderOmissions */.pw)(describeSummaryOmissions(report, settings), settings.whereTheRestIs),
    ];
    return `${blocks.filter((block) => block !== '').join('\n\n')}\n`;
}
function renderHeading(report) {
    const { owner, repo } = report.repository;
    const first = isoDate(utcDayOf(report.period.start));
    const last = isoDate(utcDayOf(report.period.end - 1));
    return `### Devin's work in ${(0,sanitize/* inlineText */.ln)(`${owner}/${repo}`)}, ${first} to ${last} (UTC)`;
}
/** Right under the heading, so that no shortening of the summary can leave it out. */
function renderIncomplete(report) {
    if (report.incompleteReasons.length === 0)
        return '';
    return [
        '⚠️ **Incomplete**: the scan of the period ended early, so this report may leave sessions out.',
        report.incompleteReasons.map((reason) => `- ${(0,sanitize/* inlineText */.ln)(reason)}`).join('\n'),
    ].join('\n\n');
}
/** The headline figures, by state and gate; `of` names what the sessions' pull requests belong to. */
function renderTotals(report, of = 'this repository') {
    const { totals } = report;
    const headline = [
        (0,model_text/* countOf */.pq)(totals.pullRequests, 'pull request'),
        (0,model_text/* countOf */.pq)(totals.sessions, 'session'),
        `${(0,format/* formatAcuTotal */.HZ)(totals.acus, totals.acusUnknownSessions)} ACUs`,
        (0,model_text/* countOf */.pq)(totals.issues, 'issue'),
        (0,model_text/* countOf */.pq)(totals.actionItems, 'action item'),
    ].join(' · ');
    // Each API text is followed by a number, never by punctuation that could complete an autolink (`www.`).
    const byCount = Object.entries(totals.byState).sort(([, a], [, b]) => b - a);
    const states = byCount.slice(0, MAX_STATES).map(([state, count]) => `${stateText(state)} ${count}`);
    if (byCount.length > MAX_STATES)
        states.push(`${byCount.length - MAX_STATES} other states`);
    const gates = Object.keys(GATE_TEXTS)
        .filter((gate) => totals.byGate[gate] > 0)
        .map((gate) => `${GATE_TEXTS[gate]} ${totals.byGate[gate]}`);
    const lines = [`**${headline}**`];
    if (states.length > 0)
        lines.push(`Pull requests by state: ${states.join(' · ')}`, `Gate: ${gates.join(' · ')}`);
    if (totals.unanalysedSessions > 0) {
        lines.push(`${(0,model_text/* countOf */.pq)(totals.unanalysedSessions, 'session')} without analysis yet.`);
    }
    if (report.outsidePeriod.sessions > 0) {
        lines.push(`${(0,model_text/* countOf */.pq)(report.outsidePeriod.sessions, 'session')} (${(0,format/* formatAcus */.cG)(report.outsidePeriod.acus)} ACUs) last updated outside the period: in the totals, not in the chart.`);
    }
    if (totals.pullRequests === 0)
        lines.push(`No Devin session named a pull request of ${of}.`);
    return lines.join('\n\n');
}
function renderPullRequests(report, options) {
    if (report.pullRequests.length === 0)
        return '';
    const shown = Math.min(report.pullRequests.length, Math.max(0, options.maxPullRequests));
    // Header, delimiter row, then one line per pull request: the first rows are a prefix of the lines.
    const lines = pullRequestTableLines(report);
    const parts = ['#### Pull requests', shown > 0 ? lines.slice(0, shown + 2).join('\n') : ''];
    const hidden = report.pullRequests.length - shown;
    if (hidden > 0)
        parts.push(`${(0,model_text/* countOf */.pq)(hidden, 'more pull request')} not shown.`);
    return parts.filter(Boolean).join('\n\n');
}
/** Fitting renders the summary many times over: the table of thousands of rows is made once per report. */
const tableLinesOf = new WeakMap();
function pullRequestTableLines(report) {
    const cached = tableLinesOf.get(report);
    if (cached)
        return cached;
    const header = ['Pull request', 'State', 'Sessions', 'Size', 'ACUs', 'Issues', 'Gate'];
    const rows = report.pullRequests.map((pullRequest) => [
        (0,format/* link */.nf)(`#${pullRequest.number}`, pullRequest.url),
        stateText(pullRequest.state),
        String(pullRequest.sessionIds.length),
        (0,sanitize/* inlineText */.ln)((pullRequest.size ?? '').toUpperCase(), format/* SHORT_TEXT_LENGTH */.sU) || format/* NONE */.x3,
        (0,format/* formatAcuTotal */.HZ)(pullRequest.acus, pullRequest.acusUnknownSessions),
        String(pullRequest.issueCount),
        gateText(pullRequest.gate, pullRequest.gateReasons),
    ]);
    // Without aligned delimiters, each row's line depends on that row alone, and no cell holds a line break.
    const lines = (0,format/* table */.tp)([header, ...rows]).split('\n');
    tableLinesOf.set(report, lines);
    return lines;
}
/**
 * A Mermaid bar chart, which GitHub renders; only numbers and dates in it, no text from the API, and the numbers
 * as plain decimals: Mermaid does not read exponent notation.
 */
function renderAcusPerDay(report) {
    if (report.acusPerDay.length === 0)
        return '';
    const dates = report.acusPerDay.map(({ day }) => isoDate(utcDayOf(day)));
    const oneYear = dates[0]?.slice(0, 4) === dates[dates.length - 1]?.slice(0, 4);
    const labels = dates.map((date) => `"${oneYear ? date.slice(5) : date}"`);
    const values = report.acusPerDay.map(({ acus }) => (Number.isFinite(acus) ? acus : 0));
    const top = Math.max(1, Math.ceil(Math.max(...values)));
    return [
        '#### ACUs per day (UTC)',
        [
            '```mermaid',
            'xychart-beta',
            `  x-axis [${labels.join(', ')}]`,
            `  y-axis "ACUs" 0 --> ${(0,decimal/* plainDecimal */.m)(top)}`,
            `  bar [${values.map(decimal/* plainDecimal */.m).join(', ')}]`,
            '```',
        ].join('\n'),
    ].join('\n\n');
}
function renderIssues(report, options) {
    if (report.totals.issues === 0)
        return '';
    const byImpact = ['critical', 'high', 'medium', 'low']
        .map((level) => `${(0,format/* impactText */.Yv)(level)} ${report.issuesByImpact[level]}`)
        .concat(report.issuesByImpact.other > 0 ? [`other ${report.issuesByImpact.other}`] : [])
        .join(' · ');
    const shown = report.issuesByLabel.slice(0, Math.max(0, options.maxLabels));
    const header = ['Label', 'Issues', 'High', 'Medium', 'Low', 'Other', 'Sessions'];
    const rows = shown.map((count) => [
        (0,sanitize/* inlineText */.ln)(count.label, format/* SHORT_TEXT_LENGTH */.sU) || format/* NONE */.x3,
        String(count.total),
        String(count.byImpact.high),
        String(count.byImpact.medium),
        String(count.byImpact.low),
        String(count.byImpact.other),
        String(count.sessions),
    ]);
    const parts = ['#### Issues by impact and label', `By impact: ${byImpact}`];
    if (rows.length > 0)
        parts.push((0,format/* table */.tp)([header, ...rows]));
    const hidden = report.issuesByLabel.length - shown.length;
    if (hidden > 0)
        parts.push(`${(0,model_text/* countOf */.pq)(hidden, 'more label')} not shown.`);
    return parts.join('\n\n');
}
function renderActionItems(report, options) {
    if (report.actionItemsByType.length === 0)
        return '';
    const hidden = report.actionItemsByType.length - Math.max(0, options.maxActionItemTypes);
    const groups = report.actionItemsByType.slice(0, Math.max(0, options.maxActionItemTypes)).map((group) => {
        const heading = `**${(0,format/* actionItemTypeName */.fE)(group.type)}** (${group.total} in total, ${group.distinct} different)`;
        const shown = group.top.slice(0, Math.max(0, options.maxActionItemsPerType));
        const list = shown.map(({ text, count }) => `- ${(0,sanitize/* inlineText */.ln)(text, options.actionItemTextLength) || format/* NONE */.x3} (×${count})`);
        return [heading, list.join('\n')].filter(Boolean).join('\n\n');
    });
    const parts = ['#### Most frequent action items', ...groups];
    if (hidden > 0)
        parts.push(`${(0,model_text/* countOf */.pq)(hidden, 'more action item type')} not shown.`);
    return parts.join('\n\n');
}
/** Human descriptions of what the options leave out; empty at full detail. */
function describeSummaryOmissions(report, options = {}) {
    const settings = { ...FULL_SUMMARY, ...options };
    const hiddenPullRequests = Math.max(0, report.pullRequests.length - Math.max(0, settings.maxPullRequests));
    const hiddenLabels = Math.max(0, report.issuesByLabel.length - Math.max(0, settings.maxLabels));
    const types = report.actionItemsByType.slice(0, Math.max(0, settings.maxActionItemTypes));
    const hiddenTypes = report.actionItemsByType.length - types.length;
    const hiddenItems = types.reduce((sum, group) => sum + Math.max(0, group.top.length - Math.max(0, settings.maxActionItemsPerType)), 0);
    const cap = settings.actionItemTextLength;
    const shortened = types.some((group) => group.top
        .slice(0, Math.max(0, settings.maxActionItemsPerType))
        .some((item) => item.text.trim().length > cap));
    return [
        hiddenPullRequests > 0 ? (0,model_text/* countOf */.pq)(hiddenPullRequests, 'pull request row') : '',
        hiddenLabels > 0 ? (0,model_text/* countOf */.pq)(hiddenLabels, 'issue label') : '',
        hiddenItems > 0 ? (0,model_text/* countOf */.pq)(hiddenItems, 'frequent action item') : '',
        hiddenTypes > 0 ? (0,model_text/* countOf */.pq)(hiddenTypes, 'action item type') : '',
        shortened ? `the end of action item texts longer than ${cap} characters` : '',
    ].filter(Boolean);
}
function stateText(state) {
    return (0,sanitize/* inlineText */.ln)(state, format/* SHORT_TEXT_LENGTH */.sU) || 'unknown';
}
/** The reasons go in the cell too: a reader should not need the JSON to know why a gate failed. */
function gateText(gate, reasons) {
    const outcome = Object.hasOwn(GATE_TEXTS, gate) ? GATE_TEXTS[gate] : (0,sanitize/* inlineText */.ln)(String(gate));
    if (gate === 'pass' || reasons.length === 0)
        return outcome;
    return `${outcome}: ${(0,sanitize/* inlineText */.ln)(reasons.join('; '), REASON_LENGTH)}`;
}

;// CONCATENATED MODULE: ./src/repository/fit.ts


/**
 * Each level leaves out more than the one before, least important parts first: the action item texts,
 * then the rarer labels. The totals, the chart and the issue counts by impact stay at every level; the
 * pull request table is cut last, keeping its most important rows.
 */
const LADDER = (0,largest_fitting/* cumulative */.w)([
    { actionItemTextLength: 300 },
    { actionItemTextLength: 120 },
    { maxActionItemsPerType: 5 },
    { maxActionItemsPerType: 3 },
    { maxLabels: 30 },
    { maxLabels: 10 },
    { maxActionItemTypes: 20 },
]);
/** GitHub drops a step's job summary over 1 MiB. */
const JOB_SUMMARY_LIMIT_BYTES = 1024 * 1024;
/** The richest summary of at most maxBytes bytes of UTF-8. Never throws; always returns something within the limit. */
function fitPeriodSummary(report, maxBytes = JOB_SUMMARY_LIMIT_BYTES, whereTheRestIs) {
    const limit = Number.isNaN(maxBytes) ? 0 : Math.max(0, Math.floor(maxBytes));
    const fits = (options) => {
        const markdown = renderPeriodSummary(report, { ...options, whereTheRestIs });
        return Buffer.byteLength(markdown) <= limit
            ? { markdown, omitted: describeSummaryOmissions(report, options) }
            : undefined;
    };
    const last = LADDER[LADDER.length - 1] ?? {};
    // When even the plainest level is too long with every row, no richer one fits either.
    if (fits(last)) {
        for (const options of LADDER) {
            const fitted = fits(options);
            if (fitted)
                return fitted;
        }
    }
    return (mostPullRequests(report, last, fits) ??
        fits({ ...last, maxPullRequests: 0, maxLabels: 0, maxActionItemTypes: 0 }) ??
        cutToLimit(report, limit, whereTheRestIs));
}
/** Keeps as many pull request rows as fit (binary search on their number). */
function mostPullRequests(report, level, fits) {
    return (0,largest_fitting/* largestFitting */.o)(report.pullRequests.length, (maxPullRequests) => fits({ ...level, maxPullRequests }));
}
/** The last resort for absurd limits: the plainest rendering, cut at the last line end within the limit. */
function cutToLimit(report, limit, whereTheRestIs) {
    const options = { maxPullRequests: 0, maxLabels: 0, maxActionItemTypes: 0, whereTheRestIs };
    const bytes = Buffer.from(renderPeriodSummary(report, options)).subarray(0, limit);
    // Only a whole line is kept, so that no character is cut in two.
    const end = bytes.lastIndexOf(0x0a) + 1;
    return {
        markdown: bytes.subarray(0, end).toString(),
        omitted: [...describeSummaryOmissions(report, options), 'the end of the summary'],
    };
}

;// CONCATENATED MODULE: ./src/repository/json.ts


/**
 * The report as the `report` JSON file holds it: snake_case field names, stable across versions (fields may be
 * added, none renamed). Texts are the API's as they are; times are ISO 8601 UTC.
 *
 * - repository: `owner/repo` when the run covers one repository, null when several; host: the GitHub host.
 * - period: start (inclusive) and end (exclusive), and the UTC days it touches.
 * - complete: false when the scan of the period may have left sessions out; incomplete_reasons says why.
 * - totals: counts over the distinct sessions of the period (a session on two pull requests counts once).
 * - pull_requests: one entry per pull request, naming its repository, failing gates first, then by ACUs; the
 *   CSV has the same rows.
 * - acus_per_day: ACUs of the sessions last updated on each UTC day of the period.
 * - issues_by_label, issues_by_impact: how often each kind of issue came back.
 * - action_items_by_type: repository setup and knowledge first; `top` holds the most frequent texts.
 * - problems: entries of the repositories input that named no repository, and why.
 * - repositories: one section per repository, the most important first: its totals and tallies as above, what
 *   GitHub refused (problems), and the pull requests whose waiting comment the run finished or could not.
 */
function runReportJson(run) {
    const [single] = run.repositories.length === 1 ? run.repositories : [];
    return {
        repository: single ? nameOf(single.report) : null,
        host: run.host,
        ...contentJson(run.whole),
        problems: run.problems,
        repositories: run.repositories.map((section) => ({
            repository: nameOf(section.report),
            url: `https://${section.report.repository.host}/${nameOf(section.report)}`,
            problems: section.problems,
            comments_updated: section.comments.updated,
            comments_unfinished: section.comments.unfinished,
            totals: totalsJson(section.report),
            acus_per_day: acusPerDayJson(section.report),
            ...tallyJson(section.report),
        })),
    };
}
/** One repository's report in the file's shape, without the run's sections. */
function periodReportJson(report) {
    return { repository: nameOf(report), host: report.repository.host, ...contentJson(report) };
}
function nameOf(report) {
    return `${report.repository.owner}/${report.repository.repo}`;
}
function contentJson(report) {
    return {
        period: {
            start: (0,format/* isoTime */.Ly)(new Date(report.period.start * 1000)),
            end: (0,format/* isoTime */.Ly)(new Date(report.period.end * 1000)),
            first_day: isoDate(utcDayOf(report.period.start)),
            last_day: isoDate(utcDayOf(report.period.end - 1)),
        },
        complete: report.incompleteReasons.length === 0,
        incomplete_reasons: report.incompleteReasons,
        totals: totalsJson(report),
        pull_requests: report.pullRequests.map((pullRequest) => ({
            repository: pullRequest.repository,
            url: pullRequest.url,
            number: pullRequest.number,
            state: pullRequest.state,
            sessions: pullRequest.sessionIds.length,
            session_ids: pullRequest.sessionIds,
            size: pullRequest.size ?? '',
            acus: pullRequest.acus,
            acus_unknown_sessions: pullRequest.acusUnknownSessions,
            issues: pullRequest.issueCount,
            action_items: pullRequest.actionItemCount,
            unanalysed_sessions: pullRequest.unanalysedSessions,
            gate: pullRequest.gate,
            gate_reasons: pullRequest.gateReasons,
        })),
        acus_per_day: acusPerDayJson(report),
        ...tallyJson(report),
    };
}
function totalsJson(report) {
    return {
        pull_requests: report.totals.pullRequests,
        sessions: report.totals.sessions,
        acus: report.totals.acus,
        acus_unknown_sessions: report.totals.acusUnknownSessions,
        issues: report.totals.issues,
        action_items: report.totals.actionItems,
        unanalysed_sessions: report.totals.unanalysedSessions,
        pull_requests_by_state: report.totals.byState,
        pull_requests_by_gate: report.totals.byGate,
        sessions_outside_period: report.outsidePeriod.sessions,
        acus_outside_period: report.outsidePeriod.acus,
        sessions_without_pull_request: report.sessionsWithoutPullRequest,
    };
}
function acusPerDayJson(report) {
    return report.acusPerDay.map(({ day, acus }) => ({ date: isoDate(utcDayOf(day)), acus }));
}
function tallyJson(report) {
    return {
        issues_by_label: report.issuesByLabel.map((count) => ({
            label: count.label,
            total: count.total,
            ...count.byImpact,
            sessions: count.sessions,
        })),
        issues_by_impact: report.issuesByImpact,
        action_items_by_type: report.actionItemsByType.map((group) => ({
            type: group.type,
            total: group.total,
            distinct: group.distinct,
            top: group.top.map(({ text, count }) => ({ text, count })),
        })),
    };
}

;// CONCATENATED MODULE: ./src/repository/run-summary.ts








/** `owner/repo` of a repository's report. */
function repositoryName(section) {
    return `${section.report.repository.owner}/${section.report.repository.repo}`;
}
/**
 * The run's part of the summary over several repositories: the heading, the totals of them all, one row per
 * repository (the first `maxRows`), and what GitHub refused.
 */
function renderRunHead(run, maxRows = Number.POSITIVE_INFINITY) {
    const blocks = [
        run_summary_renderHeading(run),
        renderIncomplete(run.whole),
        renderTotals(run.whole, 'these repositories'),
        renderRepositoryTable(run, maxRows),
        renderProblems(run),
    ];
    return `${blocks.filter((block) => block !== '').join('\n\n')}\n`;
}
/** A repository's part: its report as a run over it alone would write it, then its comments' notes. */
function renderRepositoryDetails(section, options) {
    const notes = commentNotes({
        updated: section.comments.updated.map((number) => pullRequestLink(section, number)),
        unfinished: section.comments.unfinished.map((number) => pullRequestLink(section, number)),
    });
    return [renderPeriodSummary(section.report, options), ...notes.map((note) => `${note}\n`)].join('\n');
}
/** The repositories whose details are worth a section: those with pull requests, or something to say. */
function withDetails(run) {
    return run.repositories.filter((section) => section.report.pullRequests.length > 0 ||
        section.comments.updated.length + section.comments.unfinished.length > 0);
}
function run_summary_renderHeading(run) {
    const first = isoDate(utcDayOf(run.whole.period.start));
    const last = isoDate(utcDayOf(run.whole.period.end - 1));
    return `### Devin's work in ${(0,model_text/* countOf */.pq)(run.repositories.length, 'repository', 'repositories')}, ${first} to ${last} (UTC)`;
}
function renderRepositoryTable(run, maxRows) {
    if (run.repositories.length === 0)
        return '';
    const header = [
        'Repository',
        'Pull requests',
        'Sessions',
        'ACUs',
        'Critical',
        'High',
        'Medium',
        'Low',
        'Other',
        'Pending',
    ];
    const shown = run.repositories.slice(0, Math.max(0, maxRows));
    const rows = shown.map((section) => {
        const { report } = section;
        const { totals, issuesByImpact } = report;
        const url = `https://${report.repository.host}/${report.repository.owner}/${report.repository.repo}`;
        return [
            `${(0,format/* link */.nf)((0,sanitize/* inlineText */.ln)(repositoryName(section)), url)}${problemsOf(section).length > 0 ? ' ⚠️' : ''}`,
            String(totals.pullRequests),
            String(totals.sessions),
            (0,format/* formatAcuTotal */.HZ)(totals.acus, totals.acusUnknownSessions),
            String(issuesByImpact.critical),
            String(issuesByImpact.high),
            String(issuesByImpact.medium),
            String(issuesByImpact.low),
            String(issuesByImpact.other),
            String(totals.byGate.pending),
        ];
    });
    const parts = ['#### By repository', shown.length > 0 ? (0,format/* table */.tp)([header, ...rows]) : ''];
    const hidden = run.repositories.length - shown.length;
    if (hidden > 0)
        parts.push(`${(0,model_text/* countOf */.pq)(hidden, 'more repository', 'more repositories')} not shown.`);
    parts.push('Pending: pull requests whose gate waits for an analysis. A session on pull requests of two repositories counts in both rows, once in the totals.');
    return parts.filter(Boolean).join('\n\n');
}
/** What went wrong on GitHub's side for the repository, as Markdown: what it refused, and the comments left waiting. */
function problemsOf(section) {
    const { unfinished } = section.comments;
    const comments = unfinished.length === 1 ? 'the comment' : 'the comments';
    const waiting = unfinished.map((number) => pullRequestLink(section, number)).join(', ');
    return [
        ...section.problems.map((problem) => (0,sanitize/* inlineText */.ln)(problem)),
        ...(unfinished.length > 0
            ? [`could not update ${comments} waiting for an analysis on ${waiting}; the workflow log says why.`]
            : []),
    ];
}
/** `[#8](https://github.com/acme/shop/pull/8)`: a bare `#8` in the summary would name the workflow's own repository. */
function pullRequestLink(section, number) {
    const { host, owner, repo } = section.report.repository;
    return (0,format/* link */.nf)(`#${number}`, `https://${host}/${owner}/${repo}/pull/${number}`);
}
function renderProblems(run) {
    const lines = [
        ...run.problems.map((problem) => `- ${(0,sanitize/* inlineText */.ln)(problem)}`),
        ...run.repositories.flatMap((section) => problemsOf(section).map((problem) => `- **${(0,sanitize/* inlineText */.ln)(repositoryName(section))}**: ${problem}`)),
    ];
    if (lines.length === 0)
        return '';
    return [
        "⚠️ **On GitHub's side**: what the run could not read or write. The figures above come from the Devin API and stand; the next run tries again.",
        lines.join('\n'),
    ].join('\n\n');
}
/**
 * The richest summary of a run over several repositories within maxBytes of UTF-8. The run's part comes first
 * and stays; the repositories' details follow, the most important first, each shortened alike as the single
 * repository's summary is (action item texts, then labels, then pull request rows), then the least important
 * left out. Never throws.
 */
function fitRunSummary(run, maxBytes, whereTheRestIs) {
    const limit = Number.isNaN(maxBytes) ? 0 : Math.max(0, Math.floor(maxBytes));
    const head = (0,largest_fitting/* largestFitting */.o)(run.repositories.length + 1, (rows) => {
        const markdown = renderRunHead(run, rows);
        return Buffer.byteLength(markdown) <= limit ? { markdown, rows } : undefined;
    });
    if (head === undefined)
        return run_summary_cutToLimit(renderRunHead(run, 0), limit);
    const hiddenRows = Math.max(0, run.repositories.length - head.rows);
    const sections = withDetails(run);
    const room = limit - Buffer.byteLength(head.markdown) - 1;
    const attempt = (count, options) => {
        const shown = sections.slice(0, count);
        const left = sections.length - shown.length;
        const leftOut = left > 0 ? `the details of ${(0,model_text/* countOf */.pq)(left, 'repository', 'repositories')}` : '';
        const parts = [
            ...shown.map((section) => renderRepositoryDetails(section, { ...options, whereTheRestIs })),
            leftOut ? `${(0,format/* renderOmissions */.pw)([leftOut], whereTheRestIs)}\n` : '',
        ];
        const markdown = parts.filter(Boolean).join('\n');
        if (Buffer.byteLength(markdown) > room)
            return undefined;
        const omitted = [
            hiddenRows > 0 ? (0,model_text/* countOf */.pq)(hiddenRows, 'repository row') : '',
            ...shown.flatMap((section) => describeSummaryOmissions(section.report, options).map((part) => `${repositoryName(section)}: ${part}`)),
            leftOut,
        ];
        return {
            markdown: [head.markdown, markdown].filter(Boolean).join('\n'),
            omitted: omitted.filter(Boolean),
        };
    };
    for (const options of LADDER) {
        const fitted = attempt(sections.length, options);
        if (fitted)
            return withinLimit(fitted, limit);
    }
    const plainest = LADDER[LADDER.length - 1] ?? {};
    const fewerRows = (0,largest_fitting/* largestFitting */.o)(maxRowsOf(sections), (maxPullRequests) => attempt(sections.length, { ...plainest, maxPullRequests }));
    if (fewerRows)
        return withinLimit(fewerRows, limit);
    const bare = { ...plainest, maxPullRequests: 0, maxLabels: 0, maxActionItemTypes: 0 };
    const fewerRepositories = (0,largest_fitting/* largestFitting */.o)(sections.length + 1, (count) => attempt(count, bare));
    return withinLimit(fewerRepositories ?? { markdown: head.markdown, omitted: [] }, limit);
}
function maxRowsOf(sections) {
    return Math.max(0, ...sections.map((section) => section.report.pullRequests.length));
}
/** A last check: what the attempts measured apart is measured together. */
function withinLimit(fitted, limit) {
    return Buffer.byteLength(fitted.markdown) <= limit ? fitted : run_summary_cutToLimit(fitted.markdown, limit);
}
function run_summary_cutToLimit(markdown, limit) {
    const bytes = Buffer.from(markdown).subarray(0, limit);
    // Only a whole line is kept, so that no character is cut in two.
    const end = bytes.lastIndexOf(0x0a) + 1;
    return { markdown: bytes.subarray(0, end).toString(), omitted: ['the end of the summary'] };
}

;// CONCATENATED MODULE: ./src/repository/publish.ts











/** Room left in the job summary for the lines written around the report. */
const SUMMARY_MARGIN_BYTES = 4096;
/**
 * The report to the job summary, the `report` JSON file, the `report-csv` file and the outputs. Over one
 * repository the summary is that repository's; over several, the run's totals and a row per repository
 * first, then each repository's details.
 */
async function publishRunReport(run) {
    const base = (0,outputs/* reportFileBase */.Oy)();
    const files = { report: `${base}.json`, reportCsv: `${base}.csv` };
    await (0,promises_.writeFile)(files.report, `${JSON.stringify(runReportJson(run), null, 2)}\n`);
    await (0,promises_.writeFile)(files.reportCsv, periodReportCsv(run.whole));
    const { totals } = run.whole;
    (0,outputs/* setOutputs */.n0)({
        matched: totals.sessions > 0,
        // The period's ids can run into the hundreds of thousands: the report file lists them per pull request.
        'session-ids': [],
        'session-size': (0,session/* largestSize */.W5)(run.whole.pullRequests) ?? '',
        // Empty rather than a sum that leaves a session out, as on a pull request: an understated cost is no total.
        acus: totals.acusUnknownSessions > 0 ? '' : (0,decimal/* plainDecimal */.m)(totals.acus),
        'issue-count': totals.issues,
        'action-item-count': totals.actionItems,
        'failing-issues': [],
        gate: 'skipped',
        'comment-url': '',
    }, files);
    if (process.env.GITHUB_STEP_SUMMARY) {
        const limit = JOB_SUMMARY_LIMIT_BYTES - SUMMARY_MARGIN_BYTES;
        const whereTheRestIs = 'the report file (output report)';
        const [single] = run.repositories.length === 1 ? run.repositories : [];
        const fitted = single
            ? fitPeriodSummary(single.report, limit, whereTheRestIs)
            : fitRunSummary(run, limit, whereTheRestIs);
        if (fitted.omitted.length > 0)
            core/* info */.pq(`Job summary shortened: left out ${fitted.omitted.join(', ')}.`);
        const summary = core/* summary */.z.addRaw(fitted.markdown, true);
        if (single)
            for (const note of singleRepositoryNotes(run, single))
                summary.addRaw(note, true);
        await summary.write();
    }
}
/** Under a single repository's summary, as before there were several: its comments, then what GitHub refused. */
function singleRepositoryNotes(run, section) {
    const named = (numbers) => numbers.map((number) => `#${number}`);
    return [
        ...commentNotes({
            updated: named(section.comments.updated),
            unfinished: named(section.comments.unfinished),
        }),
        ...[...run.problems, ...section.problems].map((problem) => `⚠️ ${(0,sanitize/* inlineText */.ln)(problem)}`),
    ];
}

;// CONCATENATED MODULE: ./src/repository/reported-part.ts
const NO_TIMELINE = [];
/**
 * What the period report reads of a session, and nothing else. A scan of a long period can keep a hundred
 * thousand sessions, and each one's whole analysis (timeline, suggested prompt, issue texts) would take
 * hundreds of megabytes; the report shows counts per pull request, issue labels and impacts, and the most
 * frequent action items. What repeats from session to session (labels, impacts, action items, pull request
 * URLs, statuses) is kept once.
 */
class ReportedPart {
    #texts = new Map();
    #issues = new Map();
    #actionItems = new Map();
    #pullRequests = new Map();
    /** The session as the report reads it: no title, URL, messages or texts but those it counts. */
    of = (session) => ({
        id: session.id,
        url: '',
        orgId: '',
        status: this.#text(session.status),
        statusDetail: session.statusDetail === undefined ? undefined : this.#text(session.statusDetail),
        createdAt: session.createdAt,
        updatedAt: session.updatedAt,
        acus: session.acus,
        size: session.size === undefined ? undefined : this.#text(session.size),
        pullRequests: this.#pullRequestsOf(session.pullRequests),
        analysis: session.analysis && {
            issues: session.analysis.issues.map((issue) => this.#issue(issue)),
            actionItems: session.analysis.actionItems.map((item) => this.#actionItem(item)),
            timeline: NO_TIMELINE,
        },
    });
    #text(text) {
        const known = this.#texts.get(text);
        if (known !== undefined)
            return known;
        this.#texts.set(text, text);
        return text;
    }
    #issue(issue) {
        const key = `${issue.impact}\u0000${issue.label}`;
        let kept = this.#issues.get(key);
        if (kept === undefined) {
            kept = { impact: this.#text(issue.impact), label: this.#text(issue.label), text: '' };
            this.#issues.set(key, kept);
        }
        return kept;
    }
    #actionItem(item) {
        const key = `${item.type}\u0000${item.text}`;
        let kept = this.#actionItems.get(key);
        if (kept === undefined) {
            kept = { type: this.#text(item.type), text: item.text };
            this.#actionItems.set(key, kept);
        }
        return kept;
    }
    #pullRequestsOf(pullRequests) {
        const key = pullRequests.map(({ url, state }) => `${url}\u0000${state ?? ''}`).join('\u0001');
        let kept = this.#pullRequests.get(key);
        if (kept === undefined) {
            kept = pullRequests.map(({ url, state }) => ({ url, state }));
            this.#pullRequests.set(key, kept);
        }
        return kept;
    }
}

;// CONCATENATED MODULE: ./src/repository/text.ts
/** Action item texts are grouped case- and space-insensitively. */
function foldText(text) {
    return text.trim().replace(/\s+/g, ' ').toLowerCase();
}
function memoized(compute) {
    const known = new Map();
    return (text) => {
        if (known.has(text))
            return known.get(text);
        const value = compute(text);
        known.set(text, value);
        return value;
    };
}

;// CONCATENATED MODULE: ./src/repository/action-items.ts



/** Repository setup and knowledge are what a platform team fixes once for everyone, so they come first. */
const ACTION_ITEM_TYPE_ORDER = Object.keys(format/* ACTION_ITEM_TYPES */.pg);
/** Action items by type, with the most frequent texts of each. */
class ActionItemTally {
    #types = new Map();
    #textKey = memoized(foldText);
    add(item) {
        let group = this.#types.get(item.type);
        if (group === undefined) {
            group = { total: 0, texts: new Map() };
            this.#types.set(item.type, group);
        }
        group.total += 1;
        const key = this.#textKey(item.text);
        const text = group.texts.get(key);
        if (text === undefined)
            group.texts.set(key, { text: item.text.trim(), count: 1 });
        else
            text.count += 1;
    }
    /** Known types in ACTION_ITEM_TYPE_ORDER, then newer ones by name; `top` texts per type. */
    byType(top) {
        return [...this.#types]
            .map(([type, group]) => {
            const texts = [...group.texts.values()];
            return { type, total: group.total, distinct: texts.length, top: topByCount(texts, top) };
        })
            .sort((a, b) => typeRank(a.type) - typeRank(b.type) || (0,model_text/* compareCodeUnits */.UF)(a.type, b.type));
    }
}
function typeRank(type) {
    const rank = ACTION_ITEM_TYPE_ORDER.indexOf(type);
    return rank === -1 ? ACTION_ITEM_TYPE_ORDER.length : rank;
}
/** The `limit` entries of highest count, first seen first among equals, without sorting them all. */
function topByCount(entries, limit) {
    const top = [];
    for (const entry of entries) {
        if (top.length === limit && (limit === 0 || (top[limit - 1]?.count ?? 0) >= entry.count))
            continue;
        let index = top.length;
        while (index > 0 && (top[index - 1]?.count ?? 0) < entry.count)
            index -= 1;
        top.splice(index, 0, entry);
        if (top.length > limit)
            top.pop();
    }
    return top;
}

;// CONCATENATED MODULE: ./src/repository/daily-acus.ts




/**
 * ACUs per UTC day, by the session's updatedAt rather than createdAt: the scan reads the sessions
 * updated in the period, so every one of them falls on a day of the chart (a session created before
 * the period and still working would not), and ACUs accrue until the last update.
 */
class DailyAcus {
    #period;
    #first;
    #perDay;
    #outsideSessions = 0;
    #outsideAcus = 0;
    constructor(period) {
        const days = utcDaysOf(period);
        this.#period = period;
        this.#first = days.first;
        this.#perDay = new Array(days.count).fill(0);
    }
    add(session) {
        const { updatedAt } = session;
        if (updatedAt >= this.#period.start && updatedAt < this.#period.end + matching/* CLOCK_SKEW_SECONDS */._r) {
            const day = Math.min(utcDayOf(updatedAt) - this.#first, this.#perDay.length - 1);
            this.#perDay[day] = (0,decimal/* decimalSum */.L)([this.#perDay[day] ?? 0, session.acus ?? 0]);
        }
        else {
            this.#outsideSessions += 1;
            this.#outsideAcus = (0,decimal/* decimalSum */.L)([this.#outsideAcus, session.acus ?? 0]);
        }
    }
    days() {
        return this.#perDay.map((acus, index) => ({
            day: (this.#first + index) * 86_400,
            acus: (0,session/* roundAcus */.DO)(acus),
        }));
    }
    outside() {
        return { sessions: this.#outsideSessions, acus: (0,session/* roundAcus */.DO)(this.#outsideAcus) };
    }
}

;// CONCATENATED MODULE: ./src/repository/issues.ts



/** Issues by label and by impact, and in how many sessions each label came back. */
class IssueTally {
    byImpact = emptyImpactCounts();
    #labels = new Map();
    // Labels group as the gate matches them; few distinct ones come back many times: fold each text once.
    #labelKey = memoized(model_text/* looseKey */.Av);
    #level = memoized((impact) => (0,session/* impactLevel */.HU)(impact) ?? 'other');
    add(session, issue) {
        const level = this.#level(issue.impact);
        this.byImpact[level] += 1;
        const key = this.#labelKey(issue.label);
        let count = this.#labels.get(key);
        if (count === undefined) {
            count = { label: issue.label.trim(), total: 0, byImpact: emptyImpactCounts(), sessions: 0 };
            this.#labels.set(key, count);
        }
        count.total += 1;
        count.byImpact[level] += 1;
        // A session's issues arrive together, so remembering the last one counts distinct sessions.
        if (count.lastSession !== session) {
            count.lastSession = session;
            count.sessions += 1;
        }
    }
    /** Most frequent first. */
    byLabel() {
        return [...this.#labels.values()]
            .map(({ lastSession: _, ...count }) => count)
            .sort((a, b) => b.total - a.total || b.sessions - a.sessions || (0,model_text/* compareCodeUnits */.UF)(a.label, b.label));
    }
}
function emptyImpactCounts() {
    return { critical: 0, high: 0, medium: 0, low: 0, other: 0 };
}

;// CONCATENATED MODULE: ./src/repository/pull-requests.ts





const GATE_ORDER = ['fail', 'warn', 'pending', 'pass'];
/** The sessions of each pull request of the repositories, grouped by normalised URL. */
class PullRequestTally {
    /** Each repository by the prefix of its pull requests' normalised URLs. */
    #repositories;
    #pullRequests = new Map();
    // Many sessions name the same pull requests: parse each URL once.
    #normalize = memoized(pull_request/* normalizePullRequestUrl */.lw);
    constructor(repositories) {
        this.#repositories = new Map(repositories.map((repository) => [(0,pull_request/* repositoryUrlPrefix */.kI)(repository), repository]));
    }
    /** Counts the session for each pull request of the repositories it names; false when it names none. */
    add(session) {
        let named = false;
        for (const { url, state } of session.pullRequests) {
            const key = this.#normalize(url);
            if (key === undefined)
                continue;
            const repository = this.#repositories.get(key.slice(0, key.lastIndexOf('/') + 1));
            if (repository === undefined)
                continue;
            named = true;
            this.#addTo(key, repository, session, state?.trim().toLowerCase() || undefined);
        }
        return named;
    }
    #addTo(key, repository, session, state) {
        let pullRequest = this.#pullRequests.get(key);
        if (pullRequest === undefined) {
            const number = Number(key.slice(key.lastIndexOf('/') + 1));
            const { host, owner, repo } = repository;
            pullRequest = {
                repository: `${owner}/${repo}`,
                url: `https://${host}/${owner}/${repo}/pull/${number}`,
                number,
                key,
                sessions: [],
                stateAt: Number.NEGATIVE_INFINITY,
            };
            this.#pullRequests.set(key, pullRequest);
        }
        // A session listing one pull request twice counts once.
        if (pullRequest.sessions[pullRequest.sessions.length - 1] !== session)
            pullRequest.sessions.push(session);
        // The newest data wins: a closed pull request can be reopened.
        if (state !== undefined && session.updatedAt >= pullRequest.stateAt) {
            pullRequest.state = state;
            pullRequest.stateAt = session.updatedAt;
        }
    }
    /**
     * Failing gates first, then the pull requests that cost most. `states` are GitHub's, by normalised URL: they
     * win over what the sessions recorded.
     */
    summaries(rules, states = new Map()) {
        return [...this.#pullRequests.values()]
            .map((pullRequest) => summarise(pullRequest, rules, states.get(pullRequest.key)))
            .sort((a, b) => GATE_ORDER.indexOf(a.gate) - GATE_ORDER.indexOf(b.gate) ||
            b.acus - a.acus ||
            (0,model_text/* compareCodeUnits */.UF)(a.repository, b.repository) ||
            a.number - b.number);
    }
}
function summarise(pullRequest, rules, githubState) {
    const sessions = pullRequest.sessions.sort((a, b) => a.createdAt - b.createdAt || (0,model_text/* compareCodeUnits */.UF)(a.id, b.id));
    const verdict = (0,gate/* evaluateGate */.D)(sessions, rules);
    const unanalysed = verdict.unanalysedSessionIds.length;
    const acuTotal = (0,session/* sumAcus */.ei)(sessions);
    return {
        repository: pullRequest.repository,
        url: pullRequest.url,
        number: pullRequest.number,
        state: githubState ?? pullRequest.state ?? 'unknown',
        sessionIds: sessions.map((session) => session.id),
        size: (0,session/* largestSize */.W5)(sessions),
        acus: (0,session/* roundAcus */.DO)(acuTotal.acus),
        acusUnknownSessions: acuTotal.unknown.length,
        issueCount: sessions.reduce((sum, session) => sum + (session.analysis?.issues.length ?? 0), 0),
        actionItemCount: sessions.reduce((sum, session) => sum + (session.analysis?.actionItems.length ?? 0), 0),
        unanalysedSessions: unanalysed,
        gate: verdict.outcome,
        gateReasons: verdict.outcome === 'pending' ? [pendingReason(verdict, sessions.length)] : verdict.reasons,
    };
}
/** Why a pull request's gate is pending, in one sentence. */
function pendingReason(verdict, sessionCount) {
    const unchecked = verdict.uncheckedSessionIds;
    const unanalysed = new Set(verdict.unanalysedSessionIds);
    const of = `${unchecked.length} of ${sessionCount} sessions`;
    return unchecked.every((id) => unanalysed.has(id))
        ? `${of} have no analysis yet: their issues are not checked`
        : `${of} are not checked yet: no analysis, still working, or no ACU figure`;
}

;// CONCATENATED MODULE: ./src/repository/build.ts






const DEFAULT_TOP_ACTION_ITEMS = 10;
/**
 * Collects sessions as a scan reads them (add), then builds the report once (build). A session seen
 * twice, as a listing can return one on two pages, counts once with its newest data.
 */
class PeriodReportBuilder {
    #input;
    #sessions = new Map();
    #incompleteReasons = new Set();
    constructor(input) {
        checkPeriod(input.period);
        this.#input = input;
    }
    add(session) {
        const known = this.#sessions.get(session.id);
        if (known === undefined || session.updatedAt >= known.updatedAt)
            this.#sessions.set(session.id, session);
    }
    /** The scan may have left sessions out, for this reason: the report says it is incomplete. */
    markIncomplete(reason) {
        this.#incompleteReasons.add(reason);
    }
    build() {
        const repository = canonicalRepository(this.#input.repository);
        return {
            repository,
            ...buildPeriodContent(this.#sessions.values(), {
                ...this.#input,
                repositories: [repository],
                incompleteReasons: [...this.#incompleteReasons],
            }),
        };
    }
}
/** The period report of the sessions of one repository; pure, one pass, linear in sessions and findings. */
function buildPeriodReport(input) {
    const builder = new PeriodReportBuilder(input);
    for (const session of input.sessions)
        builder.add(session);
    return builder.build();
}
/**
 * The report of the sessions of one repository or several; pure, one pass, linear in sessions and findings. Each
 * session counts once, whichever of the repositories' pull requests it names.
 */
function buildPeriodContent(sessions, input) {
    period_checkPeriod(input.period);
    const pullRequests = new PullRequestTally(input.repositories.map(canonicalRepository));
    const daily = new DailyAcus(input.period);
    const issues = new IssueTally();
    const actionItems = new ActionItemTally();
    const reported = [];
    let sessionsWithoutPullRequest = 0;
    for (const session of sessions) {
        if (!pullRequests.add(session)) {
            sessionsWithoutPullRequest += 1;
            continue;
        }
        reported.push(session);
        daily.add(session);
        for (const issue of session.analysis?.issues ?? [])
            issues.add(session, issue);
        for (const item of session.analysis?.actionItems ?? [])
            actionItems.add(item);
    }
    const summaries = pullRequests.summaries(input.rules, input.states);
    const acuTotal = (0,session/* sumAcus */.ei)(reported);
    return {
        period: { start: input.period.start, end: input.period.end },
        pullRequests: summaries,
        totals: {
            pullRequests: summaries.length,
            sessions: reported.length,
            acus: (0,session/* roundAcus */.DO)(acuTotal.acus),
            acusUnknownSessions: acuTotal.unknown.length,
            issues: reported.reduce((sum, session) => sum + (session.analysis?.issues.length ?? 0), 0),
            actionItems: reported.reduce((sum, session) => sum + (session.analysis?.actionItems.length ?? 0), 0),
            unanalysedSessions: reported.filter((session) => session.analysis === null).length,
            byState: countBy(summaries, (pullRequest) => pullRequest.state),
            byGate: {
                fail: 0,
                warn: 0,
                pending: 0,
                pass: 0,
                ...countBy(summaries, (pullRequest) => pullRequest.gate),
            },
        },
        acusPerDay: daily.days(),
        outsidePeriod: daily.outside(),
        issuesByLabel: issues.byLabel(),
        issuesByImpact: issues.byImpact,
        actionItemsByType: actionItems.byType(input.topActionItems ?? DEFAULT_TOP_ACTION_ITEMS),
        sessionsWithoutPullRequest,
        incompleteReasons: [...(input.incompleteReasons ?? [])],
    };
}
function canonicalRepository(repository) {
    return {
        owner: repository.owner,
        repo: repository.repo,
        host: (repository.host ?? 'github.com').toLowerCase().replace(/^www\./, ''),
    };
}
/** Through a Map, so that a key from the API such as `__proto__` stays a plain key. */
function countBy(items, key) {
    const counts = new Map();
    for (const item of items)
        counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
    return Object.fromEntries(counts);
}

;// CONCATENATED MODULE: ./src/repository/run-report.ts


/** The report of the whole run, and of each repository; pure. */
function buildRunReport(input) {
    const { scope } = input;
    const repositories = scope.repositories.map((repository) => canonicalRepository({ ...repository, host: scope.host }));
    const common = {
        period: input.period,
        rules: input.rules,
        states: input.states,
        incompleteReasons: input.incompleteReasons,
    };
    const whole = buildPeriodContent(input.sessions, { ...common, repositories });
    const sessionsOf = repositories.length === 1 ? undefined : scope.sessionsOf(input.sessions);
    const sections = repositories.map((repository, index) => ({
        // One repository's report is the whole run's.
        report: {
            repository,
            ...(sessionsOf === undefined
                ? whole
                : buildPeriodContent(sessionsOf[index] ?? [], { ...common, repositories: [repository] })),
        },
        problems: [...(input.github[index]?.problems ?? [])],
        comments: input.github[index]?.comments ?? { updated: [], unfinished: [] },
    }));
    return {
        host: canonicalRepository({ owner: '', repo: '', host: scope.host }).host,
        whole,
        repositories: sections.sort(byImportance),
        problems: [...input.problems],
    };
}
/** Failing gates first, then the costliest, then by name. */
function byImportance(a, b) {
    return (b.report.totals.byGate.fail - a.report.totals.byGate.fail ||
        b.report.totals.acus - a.report.totals.acus ||
        (0,model_text/* compareCodeUnits */.UF)(`${a.report.repository.owner}/${a.report.repository.repo}`.toLowerCase(), `${b.report.repository.owner}/${b.report.repository.repo}`.toLowerCase()));
}

;// CONCATENATED MODULE: ./src/repository/scope.ts


/**
 * The run's repositories on one GitHub server, by the prefix of their pull requests' normalised URLs
 * (`host/owner/repo/`, owner and repository compared ignoring case).
 */
class RepositoryScope {
    host;
    repositories;
    #prefixes;
    #normalize = memoized(pull_request/* normalizePullRequestUrl */.lw);
    constructor(host, repositories) {
        this.host = host;
        this.repositories = repositories;
        this.#prefixes = new Map(repositories.map((repository, index) => [this.prefixOf(repository), index]));
    }
    prefixOf(repository) {
        return (0,pull_request/* repositoryUrlPrefix */.kI)({ ...repository, host: this.host });
    }
    /** Whether one of these URLs is a pull request of one of the repositories: what the scan keeps. */
    namesAny = (urls) => urls.some((url) => this.#indexOf(url) !== undefined);
    /** The pull requests each repository's sessions name, by number; in the order of the repositories. */
    named(sessions) {
        const named = this.repositories.map(() => new Map());
        for (const session of sessions) {
            for (const { url, state } of session.pullRequests) {
                const index = this.#indexOf(url);
                const pullRequests = index === undefined ? undefined : named[index];
                if (pullRequests === undefined)
                    continue;
                const number = Number(this.#normalize(url)?.split('/').pop());
                let pullRequest = pullRequests.get(number);
                if (pullRequest === undefined) {
                    pullRequest = { sessionIds: [], recordedAt: Number.NEGATIVE_INFINITY };
                    pullRequests.set(number, pullRequest);
                }
                if (pullRequest.sessionIds[pullRequest.sessionIds.length - 1] !== session.id)
                    pullRequest.sessionIds.push(session.id);
                const recorded = state?.trim().toLowerCase();
                if (recorded && session.updatedAt >= pullRequest.recordedAt) {
                    pullRequest.recordedState = recorded;
                    pullRequest.recordedAt = session.updatedAt;
                }
            }
        }
        return named;
    }
    /** Each repository's sessions, in the order of the repositories: a session on two is in both. */
    sessionsOf(sessions) {
        const byRepository = this.repositories.map(() => []);
        for (const session of sessions) {
            const indexes = new Set(session.pullRequests.map(({ url }) => this.#indexOf(url)));
            for (const index of indexes)
                if (index !== undefined)
                    byRepository[index]?.push(session);
        }
        return byRepository;
    }
    #indexOf(url) {
        const key = this.#normalize(url);
        return key === undefined ? undefined : this.#prefixes.get(key.slice(0, key.lastIndexOf('/') + 1));
    }
}

// EXTERNAL MODULE: ./src/repository/entries.ts
var repository_entries = __webpack_require__(1380);
;// CONCATENATED MODULE: ./src/repository/targets.ts




/**
 * The repositories the `repositories` input names; the workflow's own when it is empty. `owner/*` is every
 * repository of that owner that the token can read, archived ones left out: with a GitHub App installation
 * token (`ghs_…`), those of its installation; with another token, the organization's, or the user's when GitHub
 * knows no such organization.
 */
async function resolveTargets(entries, context) {
    if (entries.length === 0)
        return { repositories: [context.own], problems: [] };
    const found = new Map();
    const problems = [];
    const installation = context.token.startsWith('ghs_')
        ? once(() => installationRepositories(context.github))
        : undefined;
    for (const entry of entries) {
        if (entry.kind === 'one') {
            const key = `${entry.owner}/${entry.repo}`.toLowerCase();
            if (!found.has(key))
                found.set(key, { owner: entry.owner, repo: entry.repo });
            continue;
        }
        let listed;
        try {
            listed = installation
                ? (await installation()).filter((repository) => sameOwner(repository, entry.owner))
                : await ownerRepositories(context.github, entry.owner);
        }
        catch (error) {
            problems.push(`${(0,repository_entries/* entryName */.MB)(entry)}: ${describeListingError(error, entry.owner, installation !== undefined)}`);
            continue;
        }
        const readable = listed.filter((repository) => !repository.archived);
        if (readable.length === 0) {
            problems.push(`${(0,repository_entries/* entryName */.MB)(entry)}: ${noneFound(entry.owner, installation !== undefined, listed.length)}`);
        }
        for (const repository of readable) {
            const owner = repository.owner?.login ?? entry.owner;
            // The listing's spelling is GitHub's own: it wins over an entry's.
            found.set(`${owner}/${repository.name}`.toLowerCase(), { owner, repo: repository.name });
        }
    }
    return { repositories: [...found.values()], problems };
}
async function installationRepositories(github) {
    return github.paginate(github.rest.apps.listReposAccessibleToInstallation, { per_page: 100 });
}
/** The organization's repositories; the user's when GitHub knows no organization of that name. */
async function ownerRepositories(github, owner) {
    try {
        return await github.paginate(github.rest.repos.listForOrg, { org: owner, type: 'all', per_page: 100 });
    }
    catch (error) {
        if ((0,client/* statusOf */.c)(error) !== 404)
            throw error;
    }
    return github.paginate(github.rest.repos.listForUser, { username: owner, type: 'owner', per_page: 100 });
}
function sameOwner(repository, owner) {
    return repository.owner?.login.toLowerCase() === owner.toLowerCase();
}
function describeListingError(error, owner, installation) {
    const status = (0,client/* statusOf */.c)(error);
    const listing = installation
        ? "the GitHub App installation's repositories"
        : `the repositories of ${owner}`;
    if (status === 401)
        return `${(0,credentials/* badCredentials */.m)(`to list ${listing}`)} No repository of ${owner} is reported on.`;
    if (status === 404)
        return `GitHub knows no organization or user named ${owner} (404).`;
    if (status === 403)
        return `GitHub refused to list ${listing} (403): the github-token cannot read them.`;
    return `Listing ${listing} failed: ${error instanceof Error ? error.message : String(error)}`;
}
function noneFound(owner, installation, archived) {
    const archivedNote = archived > 0 ? ` (${(0,model_text/* countOf */.pq)(archived, 'archived repository', 'archived repositories')} left out)` : '';
    return installation
        ? `the GitHub App installation behind the github-token has no repository of ${owner}${archivedNote}: install the app on ${owner}, or create the token for its installation there.`
        : `the github-token can read no repository of ${owner}${archivedNote}.`;
}
function once(compute) {
    let result;
    return () => {
        result ??= compute();
        return result;
    };
}

;// CONCATENATED MODULE: ./src/repository/visit.ts

/** Pages of recently closed pull requests read to tell merged from closed: a thousand of them. */
const MAX_CLOSED_PAGES = 10;
/**
 * Reads the repository's open pull requests, in one listing; when a session recorded one as open that is no
 * longer, also the pull requests closed since the period began (the most recently updated first), to tell
 * merged from closed. Throws GitHub's error when it refuses.
 */
async function visitRepository(github, repository, named, 
/** When the period began (Unix seconds): a pull request closed since was updated since. */
since) {
    const visit = { states: new Map(), open: [] };
    const repo = { owner: repository.owner, repo: repository.repo };
    for await (const { data } of github.paginate.iterator(github.rest.pulls.list, {
        ...repo,
        state: 'open',
        per_page: 100,
    })) {
        for (const pull of data) {
            const pullRequest = (0,pull_request/* fromPayload */.XL)(pull, { repo });
            visit.spelling ??= { owner: pullRequest.owner, repo: pullRequest.repo };
            if (!named.has(pullRequest.number))
                continue;
            visit.open.push(pullRequest);
            visit.states.set(pullRequest.number, 'open');
        }
    }
    // Recorded open, not open now: closed or merged since the session's record.
    const closed = new Set([...named]
        .filter(([number, pullRequest]) => pullRequest.recordedState === 'open' && !visit.states.has(number))
        .map(([number]) => number));
    if (closed.size > 0)
        await readClosed(github, repo, closed, since, visit);
    // Not open, whether merged or closed: GitHub's listings say that much.
    for (const number of closed)
        visit.states.set(number, 'closed');
    return visit;
}
async function readClosed(github, repo, wanted, since, visit) {
    let pages = 0;
    for await (const { data } of github.paginate.iterator(github.rest.pulls.list, {
        ...repo,
        state: 'closed',
        sort: 'updated',
        direction: 'desc',
        per_page: 100,
    })) {
        for (const pull of data) {
            if (!wanted.delete(pull.number))
                continue;
            visit.states.set(pull.number, pull.merged_at ? 'merged' : 'closed');
        }
        const oldest = data.at(-1)?.updated_at;
        pages += 1;
        if (wanted.size === 0 || pages >= MAX_CLOSED_PAGES || (oldest && Date.parse(oldest) / 1000 < since))
            return;
    }
}

;// CONCATENATED MODULE: ./src/repository/run.ts













/** Repositories whose pull requests and comments are read at once. */
const REPOSITORIES_AT_ONCE = 4;
/**
 * Repository mode: one scan of the sessions updated in the last report-days days, keeping those that name a
 * pull request of the run's repositories (the repositories input; this repository when it is empty); in each,
 * the action's comments still waiting for an analysis finished; the report, grouped by repository, to the job
 * summary, the report file and the CSV file.
 */
async function runRepositoryMode(run) {
    const { settings, clock } = run;
    const period = periodEndingAt(Math.floor(clock.now() / 1000), settings.reportDays);
    const host = new URL(run.serverUrl).host;
    const targets = await resolveTargets(settings.repositories, {
        github: run.github,
        token: settings.githubToken,
        own: run.repo,
    });
    for (const problem of targets.problems)
        run.warn(problem);
    const scope = new RepositoryScope(host, targets.repositories);
    const several = targets.repositories.length > 1;
    const incompleteReasons = new Set();
    const devin = (0,connect/* connectDevin */.t)({
        apiUrl: settings.devinApiUrl,
        apiKey: settings.devinApiKey,
        version: settings.devinApiVersion,
        orgId: settings.devinOrgId,
        clock,
        retry: run.retry,
        onRetry: run.info,
        onIncomplete: (message) => {
            run.warn(message);
            incompleteReasons.add(message);
        },
    });
    try {
        run.info(`Repository mode: ${describeTargets(targets.repositories)}, sessions updated in the last ${(0,model_text/* countOf */.pq)(settings.reportDays, 'day')} (since ${new Date(period.start * 1000).toISOString()}).`);
        const reported = new ReportedPart();
        // One scan for every repository: the Devin API has no repository filter. It ends by reading what changed
        // while it ran: a session updated meanwhile is in the period too.
        const sessions = await devin.api.findUpdatedSince(period.start, scope.namesAny, reported.of);
        run.info(`${devin.description}: ${(0,model_text/* countOf */.pq)(sessions.length, 'session')} named a pull request of ${several ? 'these repositories' : 'this repository'}.`);
        const sides = await readGitHub(run, scope, scope.named(sessions), period);
        const name = (pullRequest) => several ? `${pullRequest.owner}/${pullRequest.repo}#${pullRequest.number}` : `#${pullRequest.number}`;
        const finished = settings.comment === 'never'
            ? undefined
            : await finishPendingComments({
                github: run.github,
                devin: devin.api,
                canGenerate: devin.api.generate !== undefined,
                pending: sides.flatMap((side) => side.pending),
                settings,
                clock,
                runUrl: run.runUrl,
                name,
                info: run.info,
                warn: run.warn,
            });
        // The newest data wins, for the sessions of the period; older ones stay out of its report.
        const current = new Map(sessions.map((session) => [session.id, session]));
        for (const session of finished?.sessions ?? [])
            if (current.has(session.id))
                current.set(session.id, reported.of(session));
        const spelt = new RepositoryScope(host, sides.map((side) => side.repository));
        await publishRunReport(buildRunReport({
            sessions: [...current.values()],
            scope: spelt,
            period,
            rules: settings.gate,
            states: statesByUrl(spelt, sides),
            incompleteReasons: [...incompleteReasons],
            github: sides.map((side) => ({
                problems: side.problems,
                comments: {
                    updated: numbersIn(finished?.updated, side.repository),
                    unfinished: numbersIn(finished?.unfinished, side.repository),
                },
            })),
            problems: targets.problems,
        }));
        run.info(`Devin API requests: ${devin.requestCount()}.`);
        if (finished)
            settleUnfinished(finished, name, settings, run.warn);
    }
    finally {
        await devin.close();
    }
}
/**
 * Each repository's pull requests and pending comments, a few repositories at once. A repository GitHub refuses
 * is named in a warning and in the report; the others are read all the same.
 */
async function readGitHub(run, scope, named, period) {
    const several = scope.repositories.length > 1;
    const sides = scope.repositories.map((repository) => ({ repository, states: new Map(), pending: [], problems: [] }));
    await (0,concurrency/* runConcurrently */.G)(sides.map((side, index) => async () => {
        const pullRequests = named[index] ?? new Map();
        const { owner, repo } = side.repository;
        try {
            const visit = await visitRepository(run.github, side.repository, pullRequests, period.start - matching/* CLOCK_SKEW_SECONDS */._r);
            if (visit.spelling)
                side.repository = visit.spelling;
            side.states = visit.states;
            if (run.settings.comment === 'never')
                return;
            side.pending = await findPendingComments({
                github: run.github,
                open: visit.open,
                named: pullRequests,
                clock: run.clock,
                warn: run.warn,
                qualify: several,
            });
        }
        catch (error) {
            // GitHub's side of a scheduled run is a courtesy: the report of the period is still written.
            const problem = `Could not look for comments waiting for an analysis${several ? ` in ${owner}/${repo}` : ''}: ${describeGitHubError(error)} The report of the period is written without them, with the pull request states that the sessions recorded.`;
            run.warn(problem);
            side.problems.push(problem);
        }
    }), REPOSITORIES_AT_ONCE);
    return sides;
}
/** GitHub's states of the pull requests, by normalised URL. */
function statesByUrl(scope, sides) {
    const states = new Map();
    for (const side of sides) {
        const prefix = scope.prefixOf(side.repository);
        for (const [number, state] of side.states)
            states.set(`${prefix}${number}`, state);
    }
    return states;
}
function numbersIn(pullRequests, repository) {
    const name = `${repository.owner}/${repository.repo}`.toLowerCase();
    return (pullRequests ?? [])
        .filter((pullRequest) => `${pullRequest.owner}/${pullRequest.repo}`.toLowerCase() === name)
        .map((pullRequest) => pullRequest.number);
}
function describeTargets(repositories) {
    const names = repositories.map(({ owner, repo }) => `${owner}/${repo}`);
    if (names.length <= 10)
        return names.join(', ') || 'no repository';
    return `${(0,model_text/* countOf */.pq)(names.length, 'repository', 'repositories')} (${names.slice(0, 10).join(', ')} and ${names.length - 10} more)`;
}


/***/ })

};
