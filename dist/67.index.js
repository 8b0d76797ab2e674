export const id = 67;
export const ids = [67];
export const modules = {

/***/ 6067:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runRepositoryMode: () => (/* binding */ runRepositoryMode)
});

// EXTERNAL MODULE: ./src/devin/connect.ts + 10 modules
var connect = __webpack_require__(3922);
// EXTERNAL MODULE: ./src/model/pull-request.ts
var pull_request = __webpack_require__(2274);
// EXTERNAL MODULE: ./src/model/text.ts
var model_text = __webpack_require__(5086);
// EXTERNAL MODULE: ./src/model/session.ts
var session = __webpack_require__(9741);
// EXTERNAL MODULE: ./src/markdown/format.ts + 1 modules
var format = __webpack_require__(7806);
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

// EXTERNAL MODULE: ./src/devin/matching.ts + 1 modules
var matching = __webpack_require__(3836);
// EXTERNAL MODULE: ./src/model/decimal.ts
var decimal = __webpack_require__(2078);
;// CONCATENATED MODULE: ./src/repository/period.ts
const SECONDS_PER_DAY = 86_400;
/** The `days` days that end at `end` (Unix seconds): what a run with `report-days: days` reads. */
function periodEndingAt(end, days) {
    return { start: end - days * SECONDS_PER_DAY, end };
}
/** Throws a RangeError naming the problem when the period cannot be reported on. */
function checkPeriod(period) {
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

// EXTERNAL MODULE: ./src/model/gate.ts
var gate = __webpack_require__(4462);
;// CONCATENATED MODULE: ./src/repository/pull-requests.ts





const GATE_ORDER = ['fail', 'warn', 'pending', 'pass'];
/** The sessions of each pull request of one repository, grouped by normalised URL. */
class PullRequestTally {
    #prefix;
    #pullRequests = new Map();
    // Many sessions name the same pull requests: parse each URL once.
    #normalize = memoized(pull_request/* normalizePullRequestUrl */.lw);
    constructor(repository) {
        this.#prefix = (0,pull_request/* repositoryUrlPrefix */.kI)(repository);
    }
    /** Counts the session for each pull request of the repository it names; false when it names none. */
    add(session) {
        let named = false;
        for (const { url, state } of session.pullRequests) {
            const key = this.#normalize(url);
            if (key === undefined || !key.startsWith(this.#prefix))
                continue;
            named = true;
            this.#addTo(key, session, state?.trim().toLowerCase() || undefined);
        }
        return named;
    }
    #addTo(key, session, state) {
        let pullRequest = this.#pullRequests.get(key);
        if (pullRequest === undefined) {
            const number = Number(key.slice(key.lastIndexOf('/') + 1));
            const url = `https://${key.slice(0, key.lastIndexOf('/'))}/pull/${number}`;
            pullRequest = { url, number, sessions: [], stateAt: Number.NEGATIVE_INFINITY };
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
    /** Failing gates first, then the pull requests that cost most. */
    summaries(rules) {
        return [...this.#pullRequests.values()]
            .map((pullRequest) => summarise(pullRequest, rules))
            .sort((a, b) => GATE_ORDER.indexOf(a.gate) - GATE_ORDER.indexOf(b.gate) || b.acus - a.acus || a.number - b.number);
    }
}
function summarise(pullRequest, rules) {
    const sessions = pullRequest.sessions.sort((a, b) => a.createdAt - b.createdAt || (0,model_text/* compareCodeUnits */.UF)(a.id, b.id));
    const verdict = (0,gate/* evaluateGate */.D)(sessions, rules);
    const unanalysed = verdict.unanalysedSessionIds.length;
    const acuTotal = (0,session/* sumAcus */.ei)(sessions);
    return {
        url: pullRequest.url,
        number: pullRequest.number,
        state: pullRequest.state ?? 'unknown',
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
        return {
            ...buildFrom(this.#sessions.values(), this.#input),
            incompleteReasons: [...this.#incompleteReasons],
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
function buildFrom(sessions, input) {
    const repository = canonicalRepository(input.repository);
    const pullRequests = new PullRequestTally(repository);
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
    const summaries = pullRequests.summaries(input.rules);
    const acuTotal = (0,session/* sumAcus */.ei)(reported);
    return {
        repository,
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

// EXTERNAL MODULE: ./src/devin/errors.ts
var errors = __webpack_require__(4533);
// EXTERNAL MODULE: ./src/model/expected-failure.ts
var expected_failure = __webpack_require__(7542);
;// CONCATENATED MODULE: ./src/repository/comment-outcome.ts



/** Pull requests named in a line of the job summary; the log names them all. */
const LISTED_PULL_REQUESTS = 50;
/** `the comment waiting for an analysis on #8`, or `the comments waiting for an analysis on #8, #9`: for the log. */
function waitingComments(numbers) {
    const comments = numbers.length === 1 ? 'the comment' : 'the comments';
    return `${comments} waiting for an analysis on ${numbers.map((number) => `#${number}`).join(', ')}`;
}
/** The job summary's lines on the comments this run finished, and on those it could not. */
function commentNotes({ updated, unfinished }) {
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
function settleUnfinished({ unfinished, devinFailure }, settings, warn) {
    if (devinFailure === undefined || unfinished.length === 0)
        return;
    const message = `The period report was written, but ${waitingComments(unfinished)} could not be finished: ${devinFailure.message}`;
    if (!(0,errors/* isOutage */.uD)(devinFailure))
        throw new expected_failure/* ExpectedFailure */.H(message);
    if (settings.ifApiError === 'warn')
        warn(`${message} (if-api-error: warn)`);
    else
        throw new expected_failure/* ExpectedFailure */.H(`${message} Set if-api-error: warn to let the step pass during Devin outages.`);
}
/** `#1, #2 and 3 more`: at most LISTED_PULL_REQUESTS numbers. */
function listed(numbers) {
    const shown = numbers.slice(0, LISTED_PULL_REQUESTS).map((number) => `#${number}`);
    const more = numbers.length - shown.length;
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
;// CONCATENATED MODULE: ./src/repository/pending-comments.ts














/** Comments looked up at once: enough to overlap the requests, few enough to stay clear of rate limits. */
const LOOKUPS_AT_ONCE = 4;
/**
 * Finishes the action's comments that were written while some of their sessions had no analysis: on the
 * open pull requests that the period's sessions name, asks for the analyses of settled sessions, waits for
 * all of them together within wait-timeout, and updates each comment once. Creates no comment. Answers the
 * sessions as they are now, for the period report.
 */
async function finishPendingComments(input) {
    let pending;
    try {
        pending = await findPendingComments(input);
    }
    catch (error) {
        // GitHub's side of a scheduled run is a courtesy: the report of the period is still written.
        input.warn(`Could not look for comments waiting for an analysis: ${describeGitHubError(error)} The report of the period is written without them.`);
        return { sessions: [], updated: [], unfinished: [] };
    }
    if (pending.length === 0) {
        input.info('No comment of this action is waiting for an analysis.');
        return { sessions: [], updated: [], unfinished: [] };
    }
    input.info(`Finishing ${(0,model_text/* countOf */.pq)(pending.length, 'comment')} waiting for an analysis: ${pending.map(({ pullRequest }) => `#${pullRequest.number}`).join(', ')}.`);
    let current;
    try {
        current = await currentSessions(input, pending);
    }
    catch (error) {
        if (!(error instanceof errors/* DevinApiError */.D7))
            throw error;
        // The scan went well: its report is still written, and says which comments wait on.
        const unfinished = pending.map(({ pullRequest }) => pullRequest.number);
        input.warn(`Could not finish ${waitingComments(unfinished)}: ${error.message}`);
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
            unfinished.push(pullRequest.number);
            continue;
        }
        updated.push(pullRequest.number);
        // The pull request's own run may have passed while this analysis was awaited: the check learns it now.
        if (input.settings.commitStatus && pullRequest.headSha) {
            await (0,commit_status/* setCommitStatus */.M)(input.github, input.settings.commitStatus, { ...input.repo, sha: pullRequest.headSha }, (0,verdict_status/* verdictStatus */.c)(verdict, input.settings.gate, entries.length, published.url), input.warn);
        }
    }
    return { sessions: reported.map(({ session }) => session), updated, unfinished };
}
/** The open pull requests the period's sessions name whose comment by this action lists unanalysed sessions. */
async function findPendingComments(input) {
    const named = sessionsByPullRequest(input.sessions, (0,pull_request/* repositoryUrlPrefix */.kI)({ ...input.repo, host: input.host }));
    const open = [];
    for await (const { data } of input.github.paginate.iterator(input.github.rest.pulls.list, {
        ...input.repo,
        state: 'open',
        per_page: 100,
    })) {
        for (const pull of data) {
            if (named.has(pull.number))
                open.push((0,pull_request/* fromPayload */.XL)(pull, input));
        }
    }
    const found = [];
    for (let start = 0; start < open.length; start += LOOKUPS_AT_ONCE) {
        const batch = open.slice(start, start + LOOKUPS_AT_ONCE);
        const looked = await Promise.all(batch.map((pullRequest) => pendingComment(input, pullRequest, named)));
        for (const comment of looked)
            if (comment)
                found.push(comment);
    }
    return found;
}
async function pendingComment(input, pullRequest, named) {
    const comment = new github_comment/* CommentPublisher */.Y0(input.github, { ...input.repo, issueNumber: pullRequest.number }, input.warn, input.clock);
    let existing;
    try {
        existing = await comment.existing();
    }
    catch (error) {
        input.warn(`Could not read the comments of pull request #${pullRequest.number}: ${describeGitHubError(error)}`);
        return undefined;
    }
    const state = existing && (0,comment_state/* readState */.un)(existing.body);
    if (!state || state.unanalysed.length === 0)
        return undefined;
    const sessionIds = new Set([
        ...state.sessions,
        ...(named.get(pullRequest.number) ?? []).map((session) => session.id),
    ]);
    return { pullRequest, comment, sessionIds, scannedAt: state.scannedAt };
}
/**
 * The sessions of the pending comments as they are now: from the scan, and the others (last updated before
 * the period) in one listing by id. A session counts only while it still lists the pull request.
 */
async function currentSessions(input, pending) {
    const scanned = new Map(input.sessions.map((session) => [session.id, session]));
    const wanted = new Set(pending.flatMap(({ sessionIds }) => [...sessionIds]));
    const missing = [...wanted].filter((id) => !scanned.has(id));
    const listed = await input.devin.listByIds(missing);
    const current = new Map();
    for (const session of [...[...wanted].flatMap((id) => scanned.get(id) ?? []), ...listed]) {
        current.set(session.id, session);
    }
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
function describeGitHubError(error) {
    const status = (0,client/* statusOf */.c)(error);
    if (status === 401)
        return (0,credentials/* badCredentials */.m)('the request');
    if (status === 403)
        return `GitHub answered ${status}: the github-token needs 'pull-requests: write' to read pull requests and update comments.`;
    return `${(0,model_text/* logText */.kc)(error instanceof Error ? error.message : String(error), 300)}.`;
}
/** The period's sessions by the number of each pull request of this repository they name. */
function sessionsByPullRequest(sessions, prefix) {
    const byNumber = new Map();
    for (const session of sessions) {
        for (const { url } of session.pullRequests) {
            const key = (0,pull_request/* normalizePullRequestUrl */.lw)(url);
            if (key === undefined || !key.startsWith(prefix))
                continue;
            const number = Number(key.slice(prefix.length));
            const list = byNumber.get(number) ?? [];
            if (list[list.length - 1] !== session)
                list.push(session);
            byNumber.set(number, list);
        }
    }
    return byNumber;
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 16 modules
var core = __webpack_require__(3340);
// EXTERNAL MODULE: ./src/action/outputs.ts + 3 modules
var outputs = __webpack_require__(6475);
;// CONCATENATED MODULE: ./src/repository/csv.ts

const CSV_COLUMNS = [
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
// EXTERNAL MODULE: ./src/markdown/sanitize.ts
var sanitize = __webpack_require__(1814);
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
function renderTotals(report) {
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
        lines.push('No Devin session named a pull request of this repository.');
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
 * The period report as the `report` JSON file holds it: snake_case field names, stable across versions
 * (fields may be added, none renamed). Texts are the API's as they are; times are ISO 8601 UTC.
 *
 * - repository: `owner/repo`; host: the GitHub host.
 * - period: start (inclusive) and end (exclusive), and the UTC days it touches.
 * - complete: false when the scan of the period may have left sessions out; incomplete_reasons says why.
 * - totals: counts over the distinct sessions of the period (a session on two pull requests counts once).
 * - pull_requests: one entry per pull request, failing gates first, then by ACUs; the CSV has the same rows.
 * - acus_per_day: ACUs of the sessions last updated on each UTC day of the period.
 * - issues_by_label, issues_by_impact: how often each kind of issue came back.
 * - action_items_by_type: repository setup and knowledge first; `top` holds the most frequent texts.
 */
function periodReportJson(report) {
    return {
        repository: `${report.repository.owner}/${report.repository.repo}`,
        host: report.repository.host,
        period: {
            start: (0,format/* isoTime */.Ly)(new Date(report.period.start * 1000)),
            end: (0,format/* isoTime */.Ly)(new Date(report.period.end * 1000)),
            first_day: isoDate(utcDayOf(report.period.start)),
            last_day: isoDate(utcDayOf(report.period.end - 1)),
        },
        complete: report.incompleteReasons.length === 0,
        incomplete_reasons: report.incompleteReasons,
        totals: {
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
        },
        pull_requests: report.pullRequests.map((pullRequest) => ({
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
        acus_per_day: report.acusPerDay.map(({ day, acus }) => ({ date: isoDate(utcDayOf(day)), acus })),
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

;// CONCATENATED MODULE: ./src/repository/publish.ts








/** Room left in the job summary for the lines written around the report. */
const SUMMARY_MARGIN_BYTES = 4096;
/** The period report to the job summary, the `report` JSON file, the `report-csv` file and the outputs. */
async function publishPeriodReport(report, notes) {
    const base = (0,outputs/* reportFileBase */.Oy)();
    const files = { report: `${base}.json`, reportCsv: `${base}.csv` };
    await (0,promises_.writeFile)(files.report, `${JSON.stringify(periodReportJson(report), null, 2)}\n`);
    await (0,promises_.writeFile)(files.reportCsv, periodReportCsv(report));
    const { totals } = report;
    (0,outputs/* setOutputs */.n0)({
        matched: totals.sessions > 0,
        // The period's ids can run into the hundreds of thousands: the report file lists them per pull request.
        'session-ids': [],
        'session-size': (0,session/* largestSize */.W5)(report.pullRequests) ?? '',
        // Empty rather than a sum that leaves a session out, as on a pull request: an understated cost is no total.
        acus: totals.acusUnknownSessions > 0 ? '' : (0,decimal/* plainDecimal */.m)(totals.acus),
        'issue-count': totals.issues,
        'action-item-count': totals.actionItems,
        'failing-issues': [],
        gate: 'skipped',
        'comment-url': '',
    }, files);
    if (process.env.GITHUB_STEP_SUMMARY) {
        const fitted = fitPeriodSummary(report, JOB_SUMMARY_LIMIT_BYTES - SUMMARY_MARGIN_BYTES, 'the report file (output report)');
        if (fitted.omitted.length > 0)
            core/* info */.pq(`Job summary shortened: left out ${fitted.omitted.join(', ')}.`);
        const summary = core/* summary */.z.addRaw(fitted.markdown, true);
        for (const note of notes)
            summary.addRaw(note, true);
        await summary.write();
    }
}

;// CONCATENATED MODULE: ./src/repository/run.ts








/**
 * Repository mode: one scan of the sessions updated in the last report-days days, keeping those that name a
 * pull request of this repository; the action's comments still waiting for an analysis finished; the
 * period's report to the job summary, the report file and the CSV file.
 */
async function runRepositoryMode(run) {
    const { settings, repo, clock } = run;
    const period = periodEndingAt(Math.floor(clock.now() / 1000), settings.reportDays);
    const host = new URL(run.serverUrl).host;
    const builder = new PeriodReportBuilder({
        repository: { ...repo, host },
        period,
        rules: settings.gate,
    });
    const prefix = (0,pull_request/* repositoryUrlPrefix */.kI)({ ...repo, host });
    const namesThisRepository = (urls) => urls.some((url) => (0,pull_request/* normalizePullRequestUrl */.lw)(url)?.startsWith(prefix));
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
            builder.markIncomplete(message);
        },
    });
    try {
        run.info(`Repository mode: ${repo.owner}/${repo.repo}, sessions updated in the last ${(0,model_text/* countOf */.pq)(settings.reportDays, 'day')} (since ${new Date(period.start * 1000).toISOString()}).`);
        // The scan ends by reading what changed while it ran: a session updated meanwhile is in the period too.
        const sessions = await devin.api.findUpdatedSince(period.start, namesThisRepository);
        run.info(`${devin.description}: ${(0,model_text/* countOf */.pq)(sessions.length, 'session')} named a pull request of this repository.`);
        for (const session of sessions)
            builder.add(session);
        const finished = settings.comment === 'never'
            ? undefined
            : await finishPendingComments({
                github: run.github,
                devin: devin.api,
                canGenerate: devin.api.generate !== undefined,
                repo,
                host,
                sessions,
                settings,
                clock,
                runUrl: run.runUrl,
                info: run.info,
                warn: run.warn,
            });
        // The newest data wins, for the sessions of the period; older ones stay out of its report.
        const inPeriod = new Set(sessions.map((session) => session.id));
        for (const session of finished?.sessions ?? [])
            if (inPeriod.has(session.id))
                builder.add(session);
        await publishPeriodReport(builder.build(), finished ? commentNotes(finished) : []);
        run.info(`Devin API requests: ${devin.requestCount()}.`);
        if (finished)
            settleUnfinished(finished, settings, run.warn);
    }
    finally {
        await devin.close();
    }
}


/***/ })

};
