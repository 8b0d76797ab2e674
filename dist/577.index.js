export const id = 577;
export const ids = [577];
export const modules = {

/***/ 1577:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runRepositoryMode: () => (/* binding */ runRepositoryMode)
});

// EXTERNAL MODULE: ./src/action/api-failure.ts
var api_failure = __webpack_require__(1229);
// EXTERNAL MODULE: ./src/action/settings.ts + 1 modules
var action_settings = __webpack_require__(5250);
// EXTERNAL MODULE: ./src/devin/connect.ts + 7 modules
var connect = __webpack_require__(9156);
// EXTERNAL MODULE: ./src/devin/errors.ts
var errors = __webpack_require__(4533);
// EXTERNAL MODULE: ./src/model/clock.ts
var clock = __webpack_require__(2348);
// EXTERNAL MODULE: ./src/model/text.ts
var model_text = __webpack_require__(5086);
// EXTERNAL MODULE: ./src/model/pull-request.ts
var pull_request = __webpack_require__(2274);
// EXTERNAL MODULE: ./src/model/decimal.ts
var decimal = __webpack_require__(2078);
// EXTERNAL MODULE: ./src/model/session.ts
var session = __webpack_require__(9741);
// EXTERNAL MODULE: ./src/markdown/format.ts + 1 modules
var format = __webpack_require__(7806);
// EXTERNAL MODULE: ./src/util/memoize.ts
var memoize = __webpack_require__(8692);
;// CONCATENATED MODULE: ./src/period/action-items.ts



/** Repository setup and knowledge are what a platform team fixes once for everyone, so they come first. */
const ACTION_ITEM_TYPE_ORDER = Object.keys(format/* ACTION_ITEM_TYPES */.pg);
/** Action items by type, with the most frequent texts of each. */
class ActionItemTally {
    #types = new Map();
    #textKey = (0,memoize/* memoized */.x)(model_text/* foldText */.TH);
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

;// CONCATENATED MODULE: ./src/period/span.ts
const SECONDS_PER_DAY = 86_400;
/** The `days` days that end at `end` (Unix seconds): what a run with `report-days: days` reads. */
function periodEndingAt(end, days) {
    return { start: end - days * SECONDS_PER_DAY, end };
}
/** Throws a RangeError naming the problem when the period cannot be reported on. */
function span_checkPeriod(period) {
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

;// CONCATENATED MODULE: ./src/period/daily-acus.ts




/**
 * ACUs per UTC day, by the session's updatedAt rather than createdAt: the scan reads the sessions
 * updated in the period, so every one of them falls on a day of the chart (a session created before
 * the period and still working would not), and ACUs accrue until the last update.
 */
class DailyAcus {
    #period;
    #first;
    /** Each day's ACUs, added as decimals. */
    #perDay;
    #outside = new decimal/* DecimalTotal */.qh();
    #outsideSessions = 0;
    constructor(period) {
        const days = utcDaysOf(period);
        this.#period = period;
        this.#first = days.first;
        this.#perDay = Array.from({ length: days.count }, () => new decimal/* DecimalTotal */.qh());
    }
    add(session) {
        const { updatedAt, acus } = session;
        if (updatedAt >= this.#period.start && updatedAt < this.#period.end + clock/* CLOCK_SKEW_SECONDS */._) {
            const day = Math.min(utcDayOf(updatedAt) - this.#first, this.#perDay.length - 1);
            if (acus !== undefined)
                this.#perDay[day]?.add(acus);
        }
        else {
            this.#outsideSessions += 1;
            if (acus !== undefined)
                this.#outside.add(acus);
        }
    }
    days() {
        return this.#perDay.map((acus, index) => ({
            day: (this.#first + index) * 86_400,
            acus: (0,session/* roundAcus */.DO)(acus.value),
        }));
    }
    outside() {
        return { sessions: this.#outsideSessions, acus: (0,session/* roundAcus */.DO)(this.#outside.value) };
    }
}

;// CONCATENATED MODULE: ./src/period/issues.ts



/** Issues by label and by impact, and in how many sessions each label came back. */
class IssueTally {
    byImpact = emptyImpactCounts();
    #labels = new Map();
    // Labels group as the gate matches them; few distinct ones come back many times: fold each text once.
    #labelKey = (0,memoize/* memoized */.x)(model_text/* looseKey */.Av);
    #level = (0,memoize/* memoized */.x)((impact) => (0,session/* impactLevel */.HU)(impact) ?? 'other');
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
;// CONCATENATED MODULE: ./src/util/chunked-array.ts
/** Small enough for malloc to serve from the memory it keeps, never by a mapping of its own. */
const CHUNK_BYTES = 1 << 16;
/**
 * A typed array that grows a chunk of 64 KB at a time and frees none while it lives; unset elements read as 0.
 *
 * Not one array that doubles: freeing a block of a megabyte or more makes glibc's malloc raise its mmap and
 * trim thresholds to that size (and twice it) for the rest of the process, after which each of its arenas
 * keeps that much freed memory instead of giving it back. Columns that doubled made a run over 100,000
 * sessions peak some 7 MB higher.
 */
class ChunkedArray {
    #type;
    #shift;
    #mask;
    #chunks = [];
    constructor(type) {
        this.#type = type;
        const chunkLength = CHUNK_BYTES / type.BYTES_PER_ELEMENT;
        this.#shift = Math.log2(chunkLength);
        this.#mask = chunkLength - 1;
    }
    /** The element at `index`; 0 where nothing was set. */
    at(index) {
        return this.#chunks[index >>> this.#shift]?.[index & this.#mask] ?? 0;
    }
    set(index, value) {
        const chunk = index >>> this.#shift;
        while (this.#chunks.length <= chunk)
            this.#chunks.push(new this.#type(this.#mask + 1));
        this.#chunks[chunk][index & this.#mask] = value;
    }
}

;// CONCATENATED MODULE: ./src/period/pull-requests.ts






const GATE_ORDER = ['fail', 'warn', 'pending', 'pass'];
/**
 * The sessions of each pull request of one repository, by number. Each session is known by its slot, which
 * `summaries` turns back into the session: a store of a hundred thousand sessions makes each only when its pull
 * request is summed up.
 */
class PullRequestTally {
    /** `owner/repo`, shared by the summaries. */
    #name;
    /** `https://host/owner/repo/pull/`: a pull request's URL is this and its number. */
    #pullUrl;
    /** What the normalised URLs of the repository's pull requests start with. */
    #prefix;
    #pullRequests = new Map();
    // Many sessions name the same pull requests: parse each URL once.
    #normalize = (0,memoize/* memoized */.x)(pull_request/* normalizePullRequestUrl */.lw);
    /** Many pull requests give the same reasons: each list of them is kept once. */
    #reasons = new Map();
    constructor({ host, owner, repo }) {
        this.#name = `${owner}/${repo}`;
        this.#pullUrl = `https://${host}/${owner}/${repo}/pull/`;
        this.#prefix = (0,pull_request/* repositoryUrlPrefix */.kI)({ host, owner, repo });
    }
    /** Counts the session for each pull request of the repository it names; false when it names none. */
    add(session, slot) {
        let named = false;
        for (const { url, state } of session.pullRequests) {
            const key = this.#normalize(url);
            const slash = key?.lastIndexOf('/') ?? -1;
            if (key === undefined || key.slice(0, slash + 1) !== this.#prefix)
                continue;
            named = true;
            this.#addTo(Number(key.slice(slash + 1)), session, slot, state?.trim().toLowerCase() || undefined);
        }
        return named;
    }
    #addTo(number, session, slot, state) {
        let pullRequest = this.#pullRequests.get(number);
        if (pullRequest === undefined) {
            pullRequest = { number, slots: [], stateAt: Number.NEGATIVE_INFINITY };
            this.#pullRequests.set(number, pullRequest);
        }
        // A session listing one pull request twice counts once.
        if (pullRequest.slots[pullRequest.slots.length - 1] !== slot)
            pullRequest.slots.push(slot);
        // The newest data wins: a closed pull request can be reopened.
        if (state !== undefined && session.updatedAt >= pullRequest.stateAt) {
            pullRequest.state = state;
            pullRequest.stateAt = session.updatedAt;
        }
    }
    /**
     * Failing gates first, then the pull requests that cost most. `states` are GitHub's, by number: they win over
     * what the sessions recorded.
     */
    summaries(rules, states, store) {
        const lists = new SlotLists(store.idOf);
        return [...this.#pullRequests.values()]
            .map((pullRequest) => {
            const summary = this.#summarise(pullRequest, store, lists, rules, states.get(pullRequest.number));
            summary.gateReasons = this.#shared(summary.gateReasons);
            return summary;
        })
            .sort(comparePullRequests);
    }
    #summarise(pullRequest, store, lists, rules, githubState) {
        const entries = pullRequest.slots
            .map((slot) => ({ slot, session: store.sessionOf(slot) }))
            .sort((a, b) => a.session.createdAt - b.session.createdAt || (0,model_text/* compareCodeUnits */.UF)(a.session.id, b.session.id));
        const sessions = entries.map(({ session }) => session);
        const verdict = (0,gate/* evaluateGate */.D)(sessions, rules);
        const acuTotal = (0,session/* sumAcus */.ei)(sessions);
        return new PullRequestSummary({
            repository: this.#name,
            number: pullRequest.number,
            state: githubState ?? pullRequest.state ?? 'unknown',
            size: (0,session/* largestSize */.W5)(sessions),
            acus: (0,session/* roundAcus */.DO)(acuTotal.acus),
            acusUnknownSessions: acuTotal.unknown.length,
            issueCount: sessions.reduce((sum, session) => sum + (session.analysis?.issues.length ?? 0), 0),
            actionItemCount: sessions.reduce((sum, session) => sum + (session.analysis?.actionItems.length ?? 0), 0),
            unanalysedSessions: verdict.unanalysedSessionIds.length,
            gate: verdict.outcome,
            gateReasons: verdict.outcome === 'pending' ? [pendingReason(verdict, sessions.length)] : verdict.reasons,
        }, this.#pullUrl, lists, lists.add(entries.map(({ slot }) => slot)), entries.length);
    }
    #shared(reasons) {
        const key = reasons.join('\n');
        const known = this.#reasons.get(key);
        if (known)
            return known;
        this.#reasons.set(key, reasons);
        return reasons;
    }
}
/** Failing gates first, then the pull requests that cost most; then by repository and number. */
function comparePullRequests(a, b) {
    return (GATE_ORDER.indexOf(a.gate) - GATE_ORDER.indexOf(b.gate) ||
        b.acus - a.acus ||
        (0,model_text/* compareCodeUnits */.UF)(a.repository, b.repository) ||
        a.number - b.number);
}
/**
 * The slots of each pull request's sessions, one list after another in one column: a list of its own for each
 * of tens of thousands of pull requests would take three times the memory.
 */
class SlotLists {
    #idOf;
    #slots = new ChunkedArray(Uint32Array);
    #length = 0;
    constructor(idOf) {
        this.#idOf = idOf;
    }
    /** Adds the list; answers where it starts. */
    add(slots) {
        const first = this.#length;
        for (const slot of slots)
            this.#slots.set(this.#length++, slot);
        return first;
    }
    /** The ids of the sessions of the list of `count` slots that starts at `first`. */
    idsOf(first, count) {
        const ids = [];
        for (let at = first; at < first + count; at++)
            ids.push(this.#idOf(this.#slots.at(at)));
        return ids;
    }
}
/**
 * A pull request's summary whose URL and session ids are made when read: kept for each of tens of thousands of
 * pull requests, they would take more memory than the rest of the report.
 */
class PullRequestSummary {
    repository;
    number;
    state;
    size;
    acus;
    acusUnknownSessions;
    issueCount;
    actionItemCount;
    unanalysedSessions;
    gate;
    gateReasons;
    #pullUrl;
    /** Its sessions' slots, oldest session first: `sessionCount` of them from `#first` in `#lists`. */
    #lists;
    #first;
    sessionCount;
    constructor(figures, pullUrl, lists, first, count) {
        this.repository = figures.repository;
        this.number = figures.number;
        this.state = figures.state;
        this.size = figures.size;
        this.acus = figures.acus;
        this.acusUnknownSessions = figures.acusUnknownSessions;
        this.issueCount = figures.issueCount;
        this.actionItemCount = figures.actionItemCount;
        this.unanalysedSessions = figures.unanalysedSessions;
        this.gate = figures.gate;
        this.gateReasons = figures.gateReasons;
        this.#pullUrl = pullUrl;
        this.#lists = lists;
        this.#first = first;
        this.sessionCount = count;
    }
    get url() {
        return this.#pullUrl + this.number;
    }
    get sessionIds() {
        return this.#lists.idsOf(this.#first, this.sessionCount);
    }
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

;// CONCATENATED MODULE: ./src/period/build.ts








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
                repository,
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
/** The report of the sessions of one repository; pure, one pass, linear in sessions and findings. */
function buildPeriodContent(sessions, input) {
    const list = [...sessions];
    const store = {
        sessionOf: (slot) => list[slot],
        idOf: (slot) => list[slot].id,
    };
    return buildContent(list.entries(), store, input);
}
/**
 * buildPeriodContent over sessions known by their slots: each pull request holds its sessions' slots, made into
 * sessions again when it is summed up, so that the sessions need not all be made at once.
 */
function buildContent(sessions, store, input) {
    span_checkPeriod(input.period);
    const pullRequests = new PullRequestTally(canonicalRepository(input.repository));
    const tally = new SessionTally(input.period, input.topActionItems);
    let sessionsWithoutPullRequest = 0;
    for (const [slot, session] of sessions) {
        if (pullRequests.add(session, slot)) {
            tally.add(session);
            input.counted?.(slot, session);
        }
        else {
            sessionsWithoutPullRequest += 1;
        }
    }
    return tally.content(pullRequests.summaries(input.rules, input.states ?? new Map(), store), {
        sessionsWithoutPullRequest,
        incompleteReasons: input.incompleteReasons ?? [],
    });
}
/**
 * Everything a period report counts of its sessions but their pull requests' summaries, added one session at a
 * time: the totals, the ACUs per day, the issues and action items. Holds no session.
 */
class SessionTally {
    #period;
    #topActionItems;
    #daily;
    #issues = new IssueTally();
    #actionItems = new ActionItemTally();
    #acus = new decimal/* DecimalTotal */.qh();
    #sessions = 0;
    #acusUnknown = 0;
    #issueCount = 0;
    #actionItemCount = 0;
    #unanalysed = 0;
    constructor(period, topActionItems = DEFAULT_TOP_ACTION_ITEMS) {
        span_checkPeriod(period);
        this.#period = period;
        this.#topActionItems = topActionItems;
        this.#daily = new DailyAcus(period);
    }
    add(session) {
        this.#sessions += 1;
        if (session.acus === undefined)
            this.#acusUnknown += 1;
        else
            this.#acus.add(session.acus);
        this.#daily.add(session);
        if (session.analysis === null) {
            this.#unanalysed += 1;
            return;
        }
        this.#issueCount += session.analysis.issues.length;
        this.#actionItemCount += session.analysis.actionItems.length;
        for (const issue of session.analysis.issues)
            this.#issues.add(session, issue);
        for (const item of session.analysis.actionItems)
            this.#actionItems.add(item);
    }
    /** The report of the sessions added, with these pull requests' summaries. */
    content(summaries, extra) {
        return {
            period: { start: this.#period.start, end: this.#period.end },
            pullRequests: summaries,
            totals: {
                pullRequests: summaries.length,
                sessions: this.#sessions,
                acus: (0,session/* roundAcus */.DO)(this.#acus.value),
                acusUnknownSessions: this.#acusUnknown,
                issues: this.#issueCount,
                actionItems: this.#actionItemCount,
                unanalysedSessions: this.#unanalysed,
                byState: countBy(summaries, (pullRequest) => pullRequest.state),
                byGate: {
                    fail: 0,
                    warn: 0,
                    pending: 0,
                    pass: 0,
                    ...countBy(summaries, (pullRequest) => pullRequest.gate),
                },
            },
            acusPerDay: this.#daily.days(),
            outsidePeriod: this.#daily.outside(),
            issuesByLabel: this.#issues.byLabel(),
            issuesByImpact: this.#issues.byImpact,
            actionItemsByType: this.#actionItems.byType(this.#topActionItems),
            sessionsWithoutPullRequest: extra.sessionsWithoutPullRequest,
            incompleteReasons: [...extra.incompleteReasons],
        };
    }
}
function canonicalRepository(repository) {
    return {
        owner: repository.owner,
        repo: repository.repo,
        host: (0,pull_request/* canonicalHost */.rQ)(repository.host ?? 'github.com'),
    };
}
/** Through a Map, so that a key from the API such as `__proto__` stays a plain key. */
function countBy(items, key) {
    const counts = new Map();
    for (const item of items)
        counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
    return Object.fromEntries(counts);
}

;// CONCATENATED MODULE: ./src/period/run-report.ts




/**
 * The report of the whole run, and of each repository; pure. Each repository's report is built from its own
 * sessions; the whole run's shares their pull requests and counts each session once.
 */
function buildRunReport(input) {
    const { scope, store } = input;
    const repositories = scope.repositories.map((repository) => canonicalRepository({ ...repository, host: scope.host }));
    const common = {
        period: input.period,
        rules: input.rules,
        incompleteReasons: input.incompleteReasons,
    };
    const several = repositories.length > 1;
    const slots = several ? scope.slotsOf(store) : undefined;
    // The whole run's tally counts each session once, in the pass of the first of its repositories: a second pass
    // over a hundred thousand sessions made each anew for the little it adds.
    const wholeTally = new SessionTally(input.period);
    const inWhole = new Uint8Array(several ? store.size : 0);
    const counted = (slot, session) => {
        if (inWhole[slot] === 1)
            return;
        inWhole[slot] = 1;
        wholeTally.add(session);
    };
    // The report names sessions by id, and holds their ids alone, not the rest of the store.
    const sessionsBySlot = { sessionOf: store.sessionAt, idOf: store.ids.idAt };
    const sections = repositories.map((repository, index) => ({
        report: {
            repository,
            ...buildContent(store.entries(slots?.[index]), sessionsBySlot, {
                ...common,
                repository,
                states: input.github[index]?.states,
                counted: several ? counted : undefined,
            }),
        },
        problems: [...(input.github[index]?.problems ?? [])],
        comments: input.github[index]?.comments ?? { updated: [], unfinished: [] },
    }));
    const [single] = sections;
    const whole = single && !several
        ? single.report
        : wholeTally.content(sections.flatMap((section) => section.report.pullRequests).sort(comparePullRequests), {
            sessionsWithoutPullRequest: inWhole.length - inWhole.reduce((sum, one) => sum + one, 0),
            incompleteReasons: input.incompleteReasons,
        });
    return {
        host: (0,pull_request/* canonicalHost */.rQ)(scope.host),
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

;// CONCATENATED MODULE: ./src/period/scope.ts

/**
 * The run's repositories on one GitHub server, by the prefix of their pull requests' normalised URLs
 * (`host/owner/repo/`, owner and repository compared ignoring case).
 */
class RepositoryScope {
    host;
    repositories;
    #prefixes;
    constructor(host, repositories) {
        this.host = host;
        this.repositories = repositories;
        this.#prefixes = new Map(repositories.map((repository, index) => [this.#prefixOf(repository), index]));
    }
    /** The same repositories spelt otherwise (as GitHub spells them, say): the same places. */
    spelt(repositories) {
        return new RepositoryScope(this.host, repositories);
    }
    #prefixOf(repository) {
        return (0,pull_request/* repositoryUrlPrefix */.kI)({ ...repository, host: this.host });
    }
    /** Whether one of these URLs is a pull request of one of the repositories: what the scan keeps. */
    namesAny = (urls) => urls.some((url) => this.placeOf(url) !== undefined);
    /** The place of the pull request at this URL, when it is one of the repositories'. */
    placeOf(url) {
        const key = (0,pull_request/* normalizePullRequestUrl */.lw)(url);
        if (key === undefined)
            return undefined;
        const slash = key.lastIndexOf('/');
        const index = this.#prefixes.get(key.slice(0, slash + 1));
        return index === undefined ? undefined : { index, number: Number(key.slice(slash + 1)) };
    }
    /** The web URL of the pull request in this place. */
    urlOf({ index, number }) {
        const repository = this.repositories[index];
        if (repository === undefined)
            throw new RangeError(`No repository at index ${index}.`);
        return `https://${this.host}/${repository.owner}/${repository.repo}/pull/${number}`;
    }
    /** The pull requests each repository's sessions name, by number; in the order of the repositories. */
    named(sessions) {
        const named = this.repositories.map(() => new Map());
        sessions.eachNamed((_, place, state, updatedAt) => {
            const pullRequests = named[place.index];
            if (pullRequests === undefined)
                return;
            let pullRequest = pullRequests.get(place.number);
            if (pullRequest === undefined) {
                pullRequest = { recordedAt: Number.NEGATIVE_INFINITY };
                pullRequests.set(place.number, pullRequest);
            }
            const recorded = state?.trim().toLowerCase();
            if (recorded && updatedAt >= pullRequest.recordedAt) {
                pullRequest.recordedState = recorded;
                pullRequest.recordedAt = updatedAt;
            }
        });
        return named;
    }
    /**
     * The slots of the sessions that name these pull requests (their numbers, per repository in the order of the
     * repositories), by number.
     */
    slotsNaming(sessions, wanted) {
        const found = this.repositories.map(() => new Map());
        sessions.eachNamed((slot, { index, number }) => {
            const byNumber = found[index];
            if (byNumber === undefined || !wanted[index]?.has(number))
                return;
            let slots = byNumber.get(number);
            if (slots === undefined) {
                slots = [];
                byNumber.set(number, slots);
            }
            addOnce(slots, slot);
        });
        return found;
    }
    /** The slots of each repository's sessions, in the order of the repositories: a session on two is in both. */
    slotsOf(sessions) {
        const byRepository = this.repositories.map(() => []);
        sessions.eachNamed((slot, { index }) => {
            const slots = byRepository[index];
            if (slots !== undefined)
                addOnce(slots, slot);
        });
        return byRepository;
    }
}
/** Adds the slot unless it is the last one there: slots come in order, so a session on two pull requests is added once. */
function addOnce(slots, slot) {
    if (slots[slots.length - 1] !== slot)
        slots.push(slot);
}

;// CONCATENATED MODULE: ./src/period/session-ids.ts

/** The form the Devin API gives its session ids in: 32 lower-case hex digits, kept as 16 bytes. */
const HEX_ID = /^[0-9a-f]{32}$/;
const WORDS = 4;
/** Places in a new table: room for 1,024 ids. */
const FIRST_PLACES = 2048;
/**
 * The ids of a store's sessions, each with its slot (0, 1, 2\u2026 in the order they came). A scan of a long period
 * keeps a hundred thousand: as strings in a Map they took about 90 bytes each, so an id in the API's usual form
 * is kept as four 32-bit words (16 bytes) in one array, found through an open-addressing table of slots. An id
 * in any other form is kept as it is.
 */
class SessionIds {
    /** Four words per slot: the id's bytes, or zeros when the id is kept as text. */
    #words = new ChunkedArray(Uint32Array);
    /** Slot + 1 of each packed id, at the place its hash leads to; 0 is a free place. Never more than half full. */
    #table = new ChunkedArray(Int32Array);
    /** Places in the table: a power of two. */
    #places = FIRST_PLACES;
    /** Ids of another form, by slot, and the other way round. */
    #texts = new Map();
    #textSlots = new Map();
    #scratch = Buffer.alloc(WORDS * 4);
    #scratchWords = new Uint32Array(this.#scratch.buffer, this.#scratch.byteOffset, WORDS);
    #size = 0;
    get size() {
        return this.#size;
    }
    slotOf(id) {
        if (!this.#pack(id))
            return this.#textSlots.get(id);
        const slot = this.#table.at(this.#find());
        return slot === 0 ? undefined : slot - 1;
    }
    /** The id's slot, given it a new one when it has none. */
    add(id) {
        const known = this.slotOf(id);
        if (known !== undefined)
            return known;
        const slot = this.#size++;
        if (2 * this.#size > this.#places)
            this.#grow();
        if (this.#pack(id)) {
            for (let word = 0; word < WORDS; word++)
                this.#words.set(WORDS * slot + word, this.#scratchWords[word] ?? 0);
            this.#table.set(this.#find(), slot + 1);
        }
        else {
            this.#texts.set(slot, id);
            this.#textSlots.set(id, slot);
        }
        return slot;
    }
    /** The id in this slot; a function of its own, so that what holds it holds the ids and nothing more. */
    idAt = (slot) => {
        const text = this.#texts.get(slot);
        if (text !== undefined)
            return text;
        this.#readWords(slot);
        return this.#scratch.toString('hex');
    };
    /** Puts the id's bytes in the scratch words; false when the id is not in the packed form. */
    #pack(id) {
        if (id.length !== 2 * WORDS * 4 || !HEX_ID.test(id))
            return false;
        this.#scratch.write(id, 'hex');
        return true;
    }
    /** Where the scratch words are in the table, or the free place where they would go. */
    #find() {
        const [a = 0, b = 0, c = 0, d = 0] = this.#scratchWords;
        const mask = this.#places - 1;
        let place = Math.imul(a ^ Math.imul(b, 0x9e3779b1) ^ Math.imul(c, 0x85ebca6b) ^ d, 0xc2b2ae35) & mask;
        for (;;) {
            const slot = this.#table.at(place) - 1;
            if (slot < 0)
                return place;
            const at = WORDS * slot;
            const words = this.#words;
            if (words.at(at) === a && words.at(at + 1) === b && words.at(at + 2) === c && words.at(at + 3) === d)
                return place;
            place = (place + 1) & mask;
        }
    }
    #readWords(slot) {
        for (let word = 0; word < WORDS; word++)
            this.#scratchWords[word] = this.#words.at(WORDS * slot + word);
    }
    /** Twice the places, each packed id put again where its hash now leads. */
    #grow() {
        this.#places *= 2;
        this.#table = new ChunkedArray(Int32Array);
        // Every slot but the one being added, whose id is packed after.
        for (let slot = 0; slot < this.#size - 1; slot++) {
            if (this.#texts.has(slot))
                continue;
            this.#readWords(slot);
            this.#table.set(this.#find(), slot + 1);
        }
    }
}

;// CONCATENATED MODULE: ./src/period/session-store.ts


/** Numbers per session: created, updated (Unix seconds) and ACUs (NaN when the API gave none). */
const NUMBERS = 3;
/** Texts per session, by their index in the store's table: status, status detail, size (0: none). */
const TEXTS = 3;
/** References per session: where its pull requests start among the store's, how many, its analysis' index (0: none). */
const REFERENCES = 3;
const NO_TIMELINE = [];
/**
 * The period's sessions as the report reads them, and no more. A scan of a long period can keep a hundred
 * thousand sessions, and each one's whole analysis (timeline, suggested prompt, issue texts) would take hundreds
 * of megabytes: the report shows counts per pull request, issue labels and impacts, and the most frequent action
 * items. So each session keeps its id, three numbers and three texts in columns, the pull requests of the run's
 * repositories it names by place (their URLs, parsed, would be kept for each of tens of thousands), and a
 * reference to its findings, which are kept once for all the sessions that have the same (labels, impacts and
 * action items repeat).
 */
class SessionStore {
    /** The sessions' ids, by slot. */
    ids = new SessionIds();
    #scope;
    #numbers = new ChunkedArray(Float64Array);
    #texts = new ChunkedArray(Uint32Array);
    #references = new ChunkedArray(Uint32Array);
    /** The pull requests the sessions name, one after another: repository index, number, recorded state (text). */
    #placeIndexes = new ChunkedArray(Uint32Array);
    #placeNumbers = new ChunkedArray(Float64Array);
    #placeStates = new ChunkedArray(Uint32Array);
    #places = 0;
    #interned = new Interner();
    /** A store of the sessions of these repositories: a session keeps the pull requests it names of theirs. */
    constructor(scope) {
        this.#scope = scope;
    }
    /** Keeps the session, or its copy with the newest `updatedAt`. */
    add = (session) => {
        const known = this.ids.size;
        const slot = this.ids.add(session.id);
        if (slot !== known && session.updatedAt < this.#numbers.at(NUMBERS * slot + 1))
            return;
        this.#numbers.set(NUMBERS * slot, session.createdAt);
        this.#numbers.set(NUMBERS * slot + 1, session.updatedAt);
        this.#numbers.set(NUMBERS * slot + 2, session.acus ?? Number.NaN);
        this.#texts.set(TEXTS * slot, this.#interned.text(session.status));
        this.#texts.set(TEXTS * slot + 1, this.#interned.text(session.statusDetail));
        this.#texts.set(TEXTS * slot + 2, this.#interned.text(session.size));
        // A newer copy's pull requests go after the others: the older copy's stay unread.
        this.#references.set(REFERENCES * slot, this.#places);
        for (const { url, state } of session.pullRequests) {
            const place = this.#scope.placeOf(url);
            if (place === undefined)
                continue;
            this.#placeIndexes.set(this.#places, place.index);
            this.#placeNumbers.set(this.#places, place.number);
            this.#placeStates.set(this.#places, this.#interned.text(state));
            this.#places += 1;
        }
        this.#references.set(REFERENCES * slot + 1, this.#places - this.#references.at(REFERENCES * slot));
        this.#references.set(REFERENCES * slot + 2, session.analysis ? this.#interned.analysis(session.analysis) : 0);
    };
    has(id) {
        return this.ids.slotOf(id) !== undefined;
    }
    get size() {
        return this.ids.size;
    }
    /**
     * Each session with its slot (those of these slots, else all), made anew as the report reads it: keep the slot,
     * not the session.
     */
    *entries(slots) {
        if (slots === undefined) {
            for (let slot = 0; slot < this.ids.size; slot++)
                yield [slot, this.#session(slot)];
        }
        else {
            for (const slot of slots)
                yield [slot, this.#session(slot)];
        }
    }
    /** The session kept in this slot, made anew. */
    sessionAt = (slot) => this.#session(slot);
    /**
     * Each pull request of the run's repositories that each session names, in the order of the slots, with the
     * state the session recorded and when it was updated: what sorts the sessions by pull request without making
     * them.
     */
    eachNamed(visit) {
        for (let slot = 0; slot < this.ids.size; slot++) {
            const updatedAt = this.#numbers.at(NUMBERS * slot + 1);
            const first = this.#references.at(REFERENCES * slot);
            const end = first + this.#references.at(REFERENCES * slot + 1);
            for (let at = first; at < end; at++)
                visit(slot, this.#placeAt(at), this.#interned.textAt(this.#placeStates.at(at)), updatedAt);
        }
    }
    #placeAt(at) {
        return { index: this.#placeIndexes.at(at), number: this.#placeNumbers.at(at) };
    }
    /** The session's pull requests of the run's repositories, by their web URLs. */
    #pullRequestsOf(slot) {
        const first = this.#references.at(REFERENCES * slot);
        const end = first + this.#references.at(REFERENCES * slot + 1);
        const pullRequests = [];
        for (let at = first; at < end; at++)
            pullRequests.push({
                url: this.#scope.urlOf(this.#placeAt(at)),
                state: this.#interned.textAt(this.#placeStates.at(at)),
            });
        return pullRequests;
    }
    #session(slot) {
        const acus = this.#numbers.at(NUMBERS * slot + 2);
        return {
            id: this.ids.idAt(slot),
            url: '',
            orgId: '',
            status: this.#interned.textAt(this.#texts.at(TEXTS * slot)) ?? '',
            statusDetail: this.#interned.textAt(this.#texts.at(TEXTS * slot + 1)),
            createdAt: this.#numbers.at(NUMBERS * slot),
            updatedAt: this.#numbers.at(NUMBERS * slot + 1),
            acus: Number.isNaN(acus) ? undefined : acus,
            size: this.#interned.textAt(this.#texts.at(TEXTS * slot + 2)),
            pullRequests: this.#pullRequestsOf(slot),
            analysis: this.#interned.analysisAt(this.#references.at(REFERENCES * slot + 2)),
        };
    }
}
/**
 * Keeps each text, issue, action item and analysis once, by what it holds; texts and analyses are known by their
 * index, which is what a session keeps.
 */
class Interner {
    /** Texts by index; 0 stands for none. */
    #textList = [undefined];
    #texts = new Map();
    #issues = new Map();
    #actionItems = new Map();
    #analyses = new Map();
    /** Analyses by index; 0 stands for none. */
    #analysesByIndex = [null];
    #next = 0;
    /** The text's index, 0 for none. */
    text(text) {
        if (text === undefined)
            return 0;
        let index = this.#texts.get(text);
        if (index === undefined) {
            index = this.#textList.length;
            this.#textList.push(text);
            this.#texts.set(text, index);
        }
        return index;
    }
    textAt(index) {
        return index === undefined ? undefined : this.#textList[index];
    }
    /** The index of the analysis, kept with its findings only (1 and up: 0 stands for none). */
    analysis(analysis) {
        const issues = analysis.issues.map((issue) => this.#issue(issue));
        const items = analysis.actionItems.map((item) => this.#actionItem(item));
        const key = `${issues.map((issue) => issue.key).join(',')}/${items.map((item) => item.key).join(',')}`;
        let index = this.#analyses.get(key);
        if (index === undefined) {
            index = this.#analysesByIndex.length;
            this.#analysesByIndex.push({
                issues: issues.map(({ issue }) => issue),
                actionItems: items.map(({ item }) => item),
                timeline: NO_TIMELINE,
            });
            this.#analyses.set(key, index);
        }
        return index;
    }
    analysisAt(index) {
        return this.#analysesByIndex[index] ?? null;
    }
    #string(text) {
        return this.textAt(this.text(text)) ?? text;
    }
    /** The report counts issues by impact and label; their texts it does not show. */
    #issue(issue) {
        const key = `${issue.impact}\u0000${issue.label}`;
        let kept = this.#issues.get(key);
        if (kept === undefined) {
            kept = {
                issue: { impact: this.#string(issue.impact), label: this.#string(issue.label), text: '' },
                key: this.#next++,
            };
            this.#issues.set(key, kept);
        }
        return kept;
    }
    #actionItem(item) {
        let ofType = this.#actionItems.get(item.type);
        if (ofType === undefined) {
            ofType = new Map();
            this.#actionItems.set(item.type, ofType);
        }
        let kept = ofType.get(item.text);
        if (kept === undefined) {
            kept = { item: { type: this.#string(item.type), text: item.text }, key: this.#next++ };
            ofType.set(item.text, kept);
        }
        return kept;
    }
}

// EXTERNAL MODULE: ./src/util/concurrency.ts
var concurrency = __webpack_require__(3731);
// EXTERNAL MODULE: ./src/model/expected-failure.ts
var expected_failure = __webpack_require__(7542);
;// CONCATENATED MODULE: ./src/repository-run/comment-outcome.ts


/**
 * `the comment waiting for an analysis on #8`, or `the comments waiting for an analysis on #8, #9`: for the log.
 * `names` are the pull requests' as the run names them (`#8`, or `acme/shop#8` among several repositories).
 */
function waitingComments(names) {
    const comments = names.length === 1 ? 'the comment' : 'the comments';
    return `${comments} waiting for an analysis on ${names.join(', ')}`;
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
;// CONCATENATED MODULE: ./src/repository-run/pending-comments.ts















/** Comments looked up at once: enough to overlap the requests, few enough to stay clear of rate limits. */
const LOOKUPS_AT_ONCE = 4;
/**
 * The action's comments among these open pull requests that were written while some of their sessions had no
 * analysis. A comment GitHub does not let the run read is named in a warning and left alone.
 */
async function findPendingComments(input) {
    const looked = [];
    await (0,concurrency/* runConcurrently */.G)(input.open.map((pullRequest, index) => async () => {
        looked[index] = await pendingComment(input, pullRequest);
    }), LOOKUPS_AT_ONCE);
    return looked.filter((comment) => comment !== undefined);
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
        const markdown = (0,comment_body/* commentMarkdown */.r)((0,build/* buildPullRequestReport */.B)(context, entries, verdict), undefined);
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
async function pendingComment({ github, sessionIdsOf, clock, warn, qualify }, pullRequest) {
    const name = `${pullRequest.owner}/${pullRequest.repo}#${pullRequest.number}`;
    const comment = new github_comment/* CommentPublisher */.Y0(github, { owner: pullRequest.owner, repo: pullRequest.repo, issueNumber: pullRequest.number }, qualify ? (message) => warn(`${name}: ${message}`) : warn, clock);
    let existing;
    try {
        existing = await comment.existing();
    }
    catch (error) {
        warn(`Could not read the comments of pull request ${name}: ${describeGitHubError(error)}`);
        return undefined;
    }
    const state = existing && (0,comment_state/* readState */.un)(existing.body);
    if (!state || state.unanalysed.length === 0)
        return undefined;
    const sessionIds = new Set([...state.sessions, ...sessionIdsOf(pullRequest.number)]);
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

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 16 modules
var core = __webpack_require__(3340);
// EXTERNAL MODULE: ./src/action/outputs.ts + 3 modules
var outputs = __webpack_require__(6475);
// EXTERNAL MODULE: ./src/github/limits.ts
var limits = __webpack_require__(1679);
// EXTERNAL MODULE: ./src/markdown/sanitize.ts
var sanitize = __webpack_require__(1814);
;// CONCATENATED MODULE: ./src/period/comment-notes.ts

/** Pull requests named in a line of the job summary; the log names them all. */
const LISTED_PULL_REQUESTS = 50;
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
/** `#1, #2 and 3 more`: at most LISTED_PULL_REQUESTS names. */
function listed(names) {
    const shown = names.slice(0, LISTED_PULL_REQUESTS);
    const more = names.length - shown.length;
    return `${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

;// CONCATENATED MODULE: ./src/period/csv.ts

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
    return [...csvLines(report)].join('');
}
/** The CSV's lines, each with its CRLF: the header, then one per pull request. */
function* csvLines(report) {
    yield csvLine([...CSV_COLUMNS]);
    for (const pullRequest of report.pullRequests) {
        yield csvLine([
            pullRequest.repository,
            pullRequest.url,
            String(pullRequest.number),
            pullRequest.state,
            String(pullRequest.sessionCount),
            pullRequest.sessionIds.join(' '),
            pullRequest.size ?? '',
            (0,decimal/* plainDecimal */.mr)(pullRequest.acus),
            String(pullRequest.acusUnknownSessions),
            String(pullRequest.issueCount),
            String(pullRequest.actionItemCount),
            String(pullRequest.unanalysedSessions),
            pullRequest.gate,
            pullRequest.gateReasons.join('; '),
        ]);
    }
}
function csvLine(cells) {
    return `${cells.map(csvCell).join(',')}\r\n`;
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
;// CONCATENATED MODULE: ./src/period/summary.ts





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
    fail: '\u274c failed',
    warn: '\u26a0\ufe0f warning',
    pending: '\u23f3 pending',
    pass: '\u2705 passed',
};
function renderPeriodSummary(report, options = {}) {
    return renderBlocks(report, options, (rows) => pullRequestTableLines(report, rows).join('\n'));
}
/** Stands for the table of pull requests while the summary's length is measured. */
const TABLE_PLACEHOLDER = '\u0000';
/**
 * The length in UTF-8 bytes of the summary that renderPeriodSummary writes with these options, without writing
 * its table of pull requests: fitting measures many lengths, and a large table written each time would be many
 * large strings to collect.
 */
function periodSummaryBytes(report, options = {}) {
    let tableBytes = 0;
    const rest = renderBlocks(report, options, (rows) => {
        const prefix = tableLineBytes(report);
        // The header, the delimiter row and `rows` rows, a line end between each two.
        tableBytes = (prefix[rows + 2] ?? 0) + rows + 1;
        return TABLE_PLACEHOLDER;
    });
    return (Buffer.byteLength(rest) - Buffer.byteLength(TABLE_PLACEHOLDER) * (tableBytes > 0 ? 1 : 0) + tableBytes);
}
function renderBlocks(report, options, tableText) {
    const settings = { ...FULL_SUMMARY, ...options };
    const blocks = [
        renderHeading(report),
        renderIncomplete(report),
        renderTotals(report),
        renderPullRequests(report, settings, tableText),
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
        '\u26a0\ufe0f **Incomplete**: the scan of the period ended early, so this report may leave sessions out.',
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
    ].join(' \u00b7 ');
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
        lines.push(`Pull requests by state: ${states.join(' \u00b7 ')}`, `Gate: ${gates.join(' \u00b7 ')}`);
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
function renderPullRequests(report, options, tableText) {
    if (report.pullRequests.length === 0)
        return '';
    const shown = Math.min(report.pullRequests.length, Math.max(0, options.maxPullRequests));
    // Header, delimiter row, then one line per pull request: the first rows are a prefix of the lines.
    const parts = ['#### Pull requests', shown > 0 ? tableText(shown) : ''];
    const hidden = report.pullRequests.length - shown;
    if (hidden > 0)
        parts.push(`${(0,model_text/* countOf */.pq)(hidden, 'more pull request')} not shown.`);
    return parts.filter(Boolean).join('\n\n');
}
/**
 * The UTF-8 bytes of the table's first lines, by how many: prefix sums of its lines' lengths. Fitting measures the
 * summary many times over; the lines of a table of thousands of rows are measured once and not kept.
 */
const tableLineBytesOf = new WeakMap();
/** Rows put through the table maker at a time: a table of thousands would be one large array after another. */
const ROWS_AT_A_TIME = 500;
const TABLE_HEADER = ['Pull request', 'State', 'Sessions', 'Size', 'ACUs', 'Issues', 'Gate'];
/** The header, the delimiter row and the first `rows` rows of the table of pull requests, as lines. */
function pullRequestTableLines(report, rows) {
    const lines = (0,format/* table */.tp)([TABLE_HEADER]).split('\n');
    for (let start = 0; start < rows; start += ROWS_AT_A_TIME)
        lines.push(...rowLines(report, start, Math.min(rows, start + ROWS_AT_A_TIME)));
    return lines;
}
/** The lines of the rows from `start` to `end` (exclusive). */
function rowLines(report, start, end) {
    const rows = report.pullRequests
        .slice(start, end)
        .map((pullRequest) => [
        (0,format/* link */.nf)(`#${pullRequest.number}`, pullRequest.url),
        stateText(pullRequest.state),
        String(pullRequest.sessionCount),
        (0,sanitize/* inlineText */.ln)((pullRequest.size ?? '').toUpperCase(), format/* SHORT_TEXT_LENGTH */.sU) || format/* NONE */.x3,
        (0,format/* formatAcuTotal */.HZ)(pullRequest.acus, pullRequest.acusUnknownSessions),
        String(pullRequest.issueCount),
        gateText(pullRequest.gate, pullRequest.gateReasons),
    ]);
    // Without aligned delimiters, each row's line depends on that row alone, and no cell holds a line break.
    return (0,format/* table */.tp)([TABLE_HEADER, ...rows])
        .split('\n')
        .slice(2);
}
function tableLineBytes(report) {
    const cached = tableLineBytesOf.get(report);
    if (cached)
        return cached;
    const prefix = new Float64Array(report.pullRequests.length + 3);
    let count = 0;
    const add = (line) => {
        prefix[count + 1] = (prefix[count] ?? 0) + Buffer.byteLength(line);
        count += 1;
    };
    for (const line of (0,format/* table */.tp)([TABLE_HEADER]).split('\n'))
        add(line);
    for (let start = 0; start < report.pullRequests.length; start += ROWS_AT_A_TIME)
        for (const line of rowLines(report, start, start + ROWS_AT_A_TIME))
            add(line);
    tableLineBytesOf.set(report, prefix);
    return prefix;
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
            `  y-axis "ACUs" 0 --> ${(0,decimal/* plainDecimal */.mr)(top)}`,
            `  bar [${values.map(decimal/* plainDecimal */.mr).join(', ')}]`,
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
        .join(' \u00b7 ');
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
        const list = shown.map(({ text, count }) => `- ${(0,sanitize/* inlineText */.ln)(text, options.actionItemTextLength) || format/* NONE */.x3} (\u00d7${count})`);
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

;// CONCATENATED MODULE: ./src/period/fit.ts



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
const PLAINEST = LADDER[LADDER.length - 1] ?? {};
/** The plainest level without a pull request row, a label or an action item type: the last resort that may fit. */
const BARE = {
    ...PLAINEST,
    maxPullRequests: 0,
    maxLabels: 0,
    maxActionItemTypes: 0,
};
/**
 * What `fits` makes of the richest level it accepts; failing every level, of the plainest with as many of the
 * `maxRows` pull request rows as it accepts (the most important first). Undefined when it accepts not even the
 * plainest without rows.
 */
function richestFitting(fits, maxRows) {
    // When even the plainest level is too long with every row, no richer one fits either.
    if (fits(PLAINEST)) {
        for (const options of LADDER) {
            const fitted = fits(options);
            if (fitted)
                return fitted;
        }
    }
    return (0,largest_fitting/* largestFitting */.o)(maxRows, (maxPullRequests) => fits({ ...PLAINEST, maxPullRequests }));
}
/** The markdown cut to at most `limit` bytes of UTF-8 at its last line end: no character is cut in two. */
function cutAtLastLine(markdown, limit) {
    const bytes = Buffer.from(markdown).subarray(0, limit);
    return bytes.subarray(0, bytes.lastIndexOf(0x0a) + 1).toString();
}
/** The richest summary of at most maxBytes bytes of UTF-8. Never throws; always returns something within the limit. */
function fitPeriodSummary(report, maxBytes = limits/* JOB_SUMMARY_LIMIT_BYTES */.dh, whereTheRestIs) {
    const limit = Number.isNaN(maxBytes) ? 0 : Math.max(0, Math.floor(maxBytes));
    const options = summaryOptionsWithin(report, limit, whereTheRestIs);
    if (options === undefined)
        return cutToLimit(report, limit, whereTheRestIs);
    return {
        markdown: renderPeriodSummary(report, { ...options, whereTheRestIs }),
        omitted: describeSummaryOmissions(report, options),
    };
}
/**
 * The richest options whose summary takes at most `limit` bytes, measured without writing it; undefined when not
 * even the plainest does. The pull request table is cut last, keeping as many of its most important rows as fit.
 */
function summaryOptionsWithin(report, limit, whereTheRestIs) {
    const fits = (options) => periodSummaryBytes(report, { ...options, whereTheRestIs }) <= limit ? options : undefined;
    return richestFitting(fits, report.pullRequests.length) ?? fits(BARE);
}
/** The last resort for absurd limits: the plainest rendering, cut at the last line end within the limit. */
function cutToLimit(report, limit, whereTheRestIs) {
    const options = { maxPullRequests: 0, maxLabels: 0, maxActionItemTypes: 0, whereTheRestIs };
    return {
        markdown: cutAtLastLine(renderPeriodSummary(report, options), limit),
        omitted: [...describeSummaryOmissions(report, options), 'the end of the summary'],
    };
}

;// CONCATENATED MODULE: ./src/period/json.ts


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
    return runReportJsonWith(run, (pullRequests) => pullRequests.map(pullRequestJson));
}
/**
 * runReportJson with its list of pull requests made by `list` from the report's (pullRequestJson of each): a
 * writer can make each entry only when it writes it.
 */
function runReportJsonWith(run, list) {
    const [single] = run.repositories.length === 1 ? run.repositories : [];
    return {
        repository: single ? nameOf(single.report) : null,
        host: run.host,
        ...contentJson(run.whole, list),
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
    return {
        repository: nameOf(report),
        host: report.repository.host,
        ...contentJson(report, (pullRequests) => pullRequests.map(pullRequestJson)),
    };
}
function nameOf(report) {
    return `${report.repository.owner}/${report.repository.repo}`;
}
function contentJson(report, list) {
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
        pull_requests: list(report.pullRequests),
        acus_per_day: acusPerDayJson(report),
        ...tallyJson(report),
    };
}
/** One pull request in the file's shape. */
function pullRequestJson(pullRequest) {
    return {
        repository: pullRequest.repository,
        url: pullRequest.url,
        number: pullRequest.number,
        state: pullRequest.state,
        sessions: pullRequest.sessionCount,
        session_ids: pullRequest.sessionIds,
        size: pullRequest.size ?? '',
        acus: pullRequest.acus,
        acus_unknown_sessions: pullRequest.acusUnknownSessions,
        issues: pullRequest.issueCount,
        action_items: pullRequest.actionItemCount,
        unanalysed_sessions: pullRequest.unanalysedSessions,
        gate: pullRequest.gate,
        gate_reasons: pullRequest.gateReasons,
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

;// CONCATENATED MODULE: ./src/period/run-summary.ts








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
    return [renderPeriodSummary(section.report, options), ...notesOf(section).map((note) => `${note}\n`)].join('\n');
}
/** The length of renderRepositoryDetails in UTF-8 bytes, measured without writing its table. */
function repositoryDetailsBytes(section, options) {
    return notesOf(section).reduce((bytes, note) => bytes + Buffer.byteLength(note) + 2, periodSummaryBytes(section.report, options));
}
function notesOf(section) {
    return commentNotes({
        updated: section.comments.updated.map((number) => pullRequestLink(section, number)),
        unfinished: section.comments.unfinished.map((number) => pullRequestLink(section, number)),
    });
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
            `${(0,format/* link */.nf)((0,sanitize/* inlineText */.ln)(repositoryName(section)), url)}${problemsOf(section).length > 0 ? ' \u26a0\ufe0f' : ''}`,
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
        "\u26a0\ufe0f **On GitHub's side**: what the run could not read or write. The figures above come from the Devin API and stand; the next run tries again.",
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
    const fitted = fitRunSummaryParts(run, maxBytes, whereTheRestIs);
    return { markdown: [...fitted.parts].join(''), omitted: fitted.omitted };
}
/**
 * fitRunSummary in parts: a summary of many repositories near GitHub's limit is a megabyte of text, which need
 * not be one string, nor all of its parts at once.
 */
function fitRunSummaryParts(run, maxBytes, whereTheRestIs) {
    const limit = Number.isNaN(maxBytes) ? 0 : Math.max(0, Math.floor(maxBytes));
    const head = (0,largest_fitting/* largestFitting */.o)(run.repositories.length + 1, (rows) => {
        const markdown = renderRunHead(run, rows);
        return Buffer.byteLength(markdown) <= limit ? { markdown, rows } : undefined;
    });
    if (head === undefined) {
        return { parts: [cutAtLastLine(renderRunHead(run, 0), limit)], omitted: ['the end of the summary'] };
    }
    const sections = withDetails(run);
    const room = limit - Buffer.byteLength(head.markdown) - 1;
    const leftOutLine = (count) => count < sections.length
        ? `${(0,format/* renderOmissions */.pw)([leftOutText(sections.length - count)], whereTheRestIs)}\n`
        : '';
    // Measured, not written: each repository's details at these options, the first `count` of them.
    const fits = (count, options) => {
        const parts = sections
            .slice(0, count)
            .map((section) => repositoryDetailsBytes(section, { ...options, whereTheRestIs }));
        const tail = leftOutLine(count);
        if (tail !== '')
            parts.push(Buffer.byteLength(tail));
        const bytes = parts.reduce((sum, part) => sum + part, 0) + Math.max(0, parts.length - 1);
        return bytes <= room ? { count, options } : undefined;
    };
    const chosen = richestFitting((options) => fits(sections.length, options), maxRowsOf(sections)) ??
        (0,largest_fitting/* largestFitting */.o)(sections.length + 1, (count) => fits(count, BARE));
    if (!chosen)
        return { parts: [head.markdown], omitted: hiddenRowsOf(run, head.rows) };
    const shown = sections.slice(0, chosen.count);
    const tail = leftOutLine(chosen.count);
    const omitted = [
        ...hiddenRowsOf(run, head.rows),
        ...shown.flatMap((section) => describeSummaryOmissions(section.report, chosen.options).map((part) => `${repositoryName(section)}: ${part}`)),
        ...(chosen.count < sections.length ? [leftOutText(sections.length - chosen.count)] : []),
    ];
    function* parts() {
        yield head?.markdown ?? '';
        for (const section of shown)
            yield `\n${renderRepositoryDetails(section, { ...chosen?.options, whereTheRestIs })}`;
        if (tail !== '')
            yield `\n${tail}`;
    }
    return { parts: parts(), omitted };
}
function leftOutText(count) {
    return `the details of ${(0,model_text/* countOf */.pq)(count, 'repository', 'repositories')}`;
}
function hiddenRowsOf(run, rows) {
    const hidden = run.repositories.length - Math.min(rows, run.repositories.length);
    return hidden > 0 ? [(0,model_text/* countOf */.pq)(hidden, 'repository row')] : [];
}
function maxRowsOf(sections) {
    return Math.max(0, ...sections.map((section) => section.report.pullRequests.length));
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
;// CONCATENATED MODULE: ./src/repository-run/report-files.ts

/** Text handed to the file system at a time: a report of a large period is never one string in memory. */
const CHUNK_CHARACTERS = 1 << 16;
/** Writes the texts one after another to the file, a chunk at a time. */
async function writeTexts(path, texts) {
    const file = await (0,promises_.open)(path, 'w');
    try {
        let chunk = '';
        for (const text of texts) {
            chunk += text;
            if (chunk.length >= CHUNK_CHARACTERS) {
                await file.write(chunk);
                chunk = '';
            }
        }
        if (chunk !== '')
            await file.write(chunk);
    }
    finally {
        await file.close();
    }
}
/**
 * An array as the JSON file holds it, each element made from its item only when its turn comes to be written:
 * the view of tens of thousands of pull requests need not exist all at once.
 */
class MappedArray {
    #items;
    #map;
    constructor(items, map) {
        this.#items = items;
        this.#map = map;
    }
    get length() {
        return this.#items.length;
    }
    *[Symbol.iterator]() {
        for (const item of this.#items)
            yield this.#map(item);
    }
}
/**
 * `JSON.stringify(value, null, 2)` and a line end, in pieces (a MappedArray as the array it stands for): each
 * element of an array or member of an object apart, so that a report of a hundred thousand sessions is written
 * without being one string first.
 */
function* jsonTexts(value) {
    yield* jsonPieces(value, '');
    yield '\n';
}
function* jsonPieces(value, indent) {
    const inner = `${indent}  `;
    if (value instanceof MappedArray) {
        if (value.length === 0) {
            yield '[]';
            return;
        }
        yield '[\n';
        let index = 0;
        for (const element of value) {
            index += 1;
            // An entry is small: one string of it, rather than a piece per value (a generator each), is many times
            // faster and leaves the collector little to do.
            yield `${inner}${indented(element, inner)}${index < value.length ? ',\n' : '\n'}`;
        }
        yield `${indent}]`;
        return;
    }
    if (Array.isArray(value) && value.length > 0) {
        yield '[\n';
        for (let index = 0; index < value.length; index++) {
            yield inner;
            // As JSON.stringify does, an element that JSON cannot hold is written as null.
            const element = value[index];
            yield* representable(element) ? jsonPieces(element, inner) : ['null'];
            yield index < value.length - 1 ? ',\n' : '\n';
        }
        yield `${indent}]`;
        return;
    }
    if (isPlainObject(value)) {
        const members = Object.entries(value).filter(([, member]) => representable(member));
        if (members.length > 0) {
            yield '{\n';
            for (const [index, [key, member]] of members.entries()) {
                yield `${inner}${JSON.stringify(key)}: `;
                yield* jsonPieces(member, inner);
                yield index < members.length - 1 ? ',\n' : '\n';
            }
            yield `${indent}}`;
            return;
        }
    }
    yield JSON.stringify(value) ?? 'null';
}
/** `JSON.stringify(value, null, 2)` with its lines after the first indented by `indent`; null for no JSON. */
function indented(value, indent) {
    // JSON escapes a line end inside a string, so every line end it writes is between two lines of it.
    return (JSON.stringify(value, null, 2) ?? 'null').replaceAll('\n', `\n${indent}`);
}
function representable(value) {
    return value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';
}
function isPlainObject(value) {
    return (typeof value === 'object' &&
        value !== null &&
        !Array.isArray(value) &&
        typeof value.toJSON !== 'function');
}

;// CONCATENATED MODULE: ./src/repository-run/publish.ts












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
    await writeTexts(files.report, jsonTexts(runReportJsonWith(run, (pullRequests) => new MappedArray(pullRequests, pullRequestJson))));
    await writeTexts(files.reportCsv, csvLines(run.whole));
    const { totals } = run.whole;
    (0,outputs/* setOutputs */.n0)({
        matched: totals.sessions > 0,
        // The period's ids can run into the hundreds of thousands: the report file lists them per pull request.
        'session-ids': [],
        'session-size': (0,session/* largestSize */.W5)(run.whole.pullRequests) ?? '',
        // Empty rather than a sum that leaves a session out, as on a pull request: an understated cost is no total.
        acus: totals.acusUnknownSessions > 0 ? '' : (0,decimal/* plainDecimal */.mr)(totals.acus),
        'issue-count': totals.issues,
        'action-item-count': totals.actionItems,
        'failing-issues': [],
        gate: 'skipped',
        'comment-url': '',
    }, files);
    if (process.env.GITHUB_STEP_SUMMARY) {
        const limit = limits/* JOB_SUMMARY_LIMIT_BYTES */.dh - SUMMARY_MARGIN_BYTES;
        const whereTheRestIs = 'the report file (output report)';
        const [single] = run.repositories.length === 1 ? run.repositories : [];
        const fitted = single
            ? {
                ...fitPeriodSummary(single.report, limit, whereTheRestIs),
                notes: singleRepositoryNotes(run, single),
            }
            : fitRunSummaryParts(run, limit, whereTheRestIs);
        if (fitted.omitted.length > 0)
            core/* info */.pq(`Job summary shortened: left out ${fitted.omitted.join(', ')}.`);
        if ('parts' in fitted) {
            // Written a part at a time: over many repositories the summary is a megabyte of text.
            for (const part of fitted.parts)
                await core/* summary */.z.addRaw(part).write();
        }
        else {
            const summary = core/* summary */.z.addRaw(fitted.markdown, true);
            for (const note of fitted.notes)
                summary.addRaw(note, true);
            await summary.write();
        }
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
        ...[...run.problems, ...section.problems].map((problem) => `\u26a0\ufe0f ${(0,sanitize/* inlineText */.ln)(problem)}`),
    ];
}

// EXTERNAL MODULE: ./src/action/repository-entries.ts
var repository_entries = __webpack_require__(7201);
;// CONCATENATED MODULE: ./src/repository-run/targets.ts





/**
 * The repositories the `repositories` input names; the workflow's own when it is empty. `owner/*` is every
 * repository of that owner that the token can read, archived ones left out: with a GitHub App installation
 * token (`ghs_\u2026`), those of its installation; with another token, the organization's, or the user's when GitHub
 * knows no such organization.
 */
async function resolveTargets(entries, context) {
    if (entries.length === 0)
        return { repositories: [context.own], problems: [] };
    const found = new Map();
    const problems = [];
    const installation = context.token.startsWith('ghs_')
        ? (0,memoize/* once */.O)(() => installationRepositories(context.github))
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
    if (status === 403 && installation)
        return `GitHub refused to list ${listing} (403): github.token reaches only its own repository; pass a GitHub App's installation token (actions/create-github-app-token) to report on an owner's repositories.`;
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

;// CONCATENATED MODULE: ./src/repository-run/visit.ts

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

;// CONCATENATED MODULE: ./src/repository-run/run.ts
















/** Repositories whose pull requests and comments are read at once. */
const REPOSITORIES_AT_ONCE = 4;
/**
 * Repository mode: one scan of the sessions updated in the last report-days days, keeping those that name a
 * pull request of the run's repositories (the repositories input; this repository when it is empty); in each,
 * the action's comments still waiting for an analysis finished; the report, grouped by repository, to the job
 * summary, the report file and the CSV file. A Devin API failure is reported as the period's (if-api-error).
 */
async function runRepositoryMode(run) {
    try {
        await reportOnRepositories(run);
    }
    catch (error) {
        if (!(error instanceof errors/* DevinApiError */.D7))
            throw error;
        await (0,api_failure/* reportPeriodApiFailure */.Q)(error, { now: run.clock.now, runUrl: run.runUrl, settings: run.settings });
    }
}
async function reportOnRepositories(run) {
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
        ...(0,action_settings/* devinAccess */.H3)(settings),
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
        const name = (pullRequest) => several ? `${pullRequest.owner}/${pullRequest.repo}#${pullRequest.number}` : `#${pullRequest.number}`;
        const { report, finished } = await readTheRun(run, devin, {
            scope,
            period,
            name,
            incompleteReasons,
            problems: targets.problems,
        });
        await publishRunReport(report);
        run.info(`Devin API requests: ${devin.requestCount()}.`);
        if (finished)
            settleUnfinished(finished, name, settings, run.warn);
    }
    finally {
        await devin.close();
    }
}
/**
 * The scan, GitHub's side and the pending comments, down to the run's report. Its sessions are let go when it
 * returns: the report holds what it shows of them, and the files and the summary are written from that.
 */
async function readTheRun(run, devin, context) {
    const { settings, clock } = run;
    const { scope, period } = context;
    const store = new SessionStore(scope);
    // One scan for every repository: the Devin API has no repository filter. It ends by reading what changed
    // while it ran: a session updated meanwhile is in the period too. With no repository, nothing to read.
    if (scope.repositories.length > 0)
        await devin.api.scanUpdatedSince(period.start, scope.namesAny, store.add);
    run.onScanned?.();
    const several = scope.repositories.length > 1;
    run.info(`${devin.description}: ${(0,model_text/* countOf */.pq)(store.size, 'session')} named a pull request of ${several ? 'these repositories' : 'this repository'}.`);
    const sides = await readGitHub(run, scope, store, period);
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
            name: context.name,
            info: run.info,
            warn: run.warn,
        });
    // The newest data wins, for the sessions of the period; older ones stay out of its report.
    for (const session of finished?.sessions ?? [])
        if (store.has(session.id))
            store.add(session);
    const spelt = scope.spelt(sides.map((side) => side.repository));
    const report = buildRunReport({
        store,
        scope: spelt,
        period,
        rules: settings.gate,
        incompleteReasons: [...context.incompleteReasons],
        github: sides.map((side) => ({
            states: side.states,
            problems: side.problems,
            comments: {
                updated: numbersIn(finished?.updated, side.repository),
                unfinished: numbersIn(finished?.unfinished, side.repository),
            },
        })),
        problems: context.problems,
    });
    // The finished comments' sessions go with the others: the report has what it shows of them.
    return { report, finished: finished && { ...finished, sessions: [] } };
}
/** Each repository's pull requests, then its pending comments. */
async function readGitHub(run, scope, store, period) {
    const several = scope.repositories.length > 1;
    const sides = scope.repositories.map((repository) => ({ repository, states: new Map(), pending: [], problems: [] }));
    const open = await visitRepositories(run, sides, scope.named(store), period, several);
    if (run.settings.comment === 'never')
        return sides;
    // The sessions of the open pull requests, found in one pass over the store: a pending comment is checked
    // against them. Every pull request's sessions would be tens of thousands of lists held for a few comments.
    const slots = scope.slotsNaming(store, open.map((pullRequests) => new Set(pullRequests.map(({ number }) => number))));
    await eachRepository(run, sides, several, async (side, index) => {
        side.pending = await findPendingComments({
            github: run.github,
            open: open[index] ?? [],
            sessionIdsOf: (number) => slots[index]?.get(number)?.map(store.ids.idAt) ?? [],
            clock: run.clock,
            warn: run.warn,
            qualify: several,
        });
    });
    return sides;
}
/** Each repository's open pull requests, and GitHub's states of those its sessions name, into its side. */
async function visitRepositories(run, sides, named, period, several) {
    const open = sides.map(() => []);
    await eachRepository(run, sides, several, async (side, index) => {
        const visit = await visitRepository(run.github, side.repository, named[index] ?? new Map(), period.start - clock/* CLOCK_SKEW_SECONDS */._);
        if (visit.spelling)
            side.repository = visit.spelling;
        side.states = visit.states;
        open[index] = visit.open;
    });
    return open;
}
/**
 * The task for each repository's side, a few repositories at once. GitHub's side of a scheduled run is a courtesy:
 * a repository GitHub refuses is named in a warning and in the report, which is written all the same.
 */
async function eachRepository(run, sides, several, task) {
    await (0,concurrency/* runConcurrently */.G)(sides.map((side, index) => async () => {
        try {
            await task(side, index);
        }
        catch (error) {
            const { owner, repo } = side.repository;
            const problem = `Could not look for comments waiting for an analysis${several ? ` in ${owner}/${repo}` : ''}: ${describeGitHubError(error)} The report of the period is written without them, with the pull request states that the sessions recorded.`;
            run.warn(problem);
            side.problems.push(problem);
        }
    }), REPOSITORIES_AT_ONCE);
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
