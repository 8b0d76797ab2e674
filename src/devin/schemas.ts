import { once } from '../util/memoize.ts';
/**
 * zod schemas of the Devin API's responses, tolerant by design: unknown enum values and extra fields are
 * accepted, missing optional fields get neutral values. Only what the action truly needs is required.
 *
 * Each schema is built on its first use: building them takes a few milliseconds at start-up, which a run that
 * stops at its inputs, or reads one API version, does not need to spend.
 */

import * as z from 'zod/mini';
import english from 'zod/v4/locales/en.js';

/** The field schemas the responses share. */
function buildFields() {
  // zod/mini loads no locale: without it an answer's problem would read "Invalid input" alone.
  z.config(english());
  /**
   * Any value, missing or not, read by `read`. (zod 4 treats a bare transform as a required key, hence the
   * `.optional()`.)
   */
  const loose = <T>(read: (value: unknown) => T) => z.pipe(z.optional(z.unknown()), z.transform(read));

  /** Free text from the API: a string, or nothing. */
  const text = loose((value) =>
    value === null || value === undefined ? '' : typeof value === 'string' ? value : String(value),
  );

  const optionalText = loose((value) =>
    value === null || value === undefined || value === '' ? undefined : String(value),
  );

  const optionalNumber = loose((value) =>
    typeof value === 'number' && Number.isFinite(value) ? value : undefined,
  );

  /** A number, or a numeric string (`"61.5"`); anything else is unknown, never 0. */
  function readAcus(value: unknown): number | undefined {
    const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
  }

  const list = <T extends z.ZodMiniType>(item: T) =>
    z.pipe(
      z.nullish(z.array(item)),
      z.transform((items: z.output<T>[] | null | undefined) => items ?? []),
    );

  const textList = z.pipe(
    list(z.unknown()),
    z.transform((items: unknown[]) => items.map((item) => String(item))),
  );

  const timestamp = loose(readTimestamp);

  /** A `pull_requests` item in any of the spellings Devin's documents use (`pr_url`/`pr_state` or `url`/`state`). */
  const pullRequestFields = z.object({
    pr_url: optionalText,
    url: optionalText,
    pr_state: optionalText,
    state: optionalText,
  });
  const pullRequestSchema = z.pipe(
    pullRequestFields,
    z.transform((item: z.output<typeof pullRequestFields>) => ({
      url: item.pr_url ?? item.url ?? '',
      state: item.pr_state ?? item.state,
    })),
  );

  const issueSchema = z.object({ issue: text, impact: text, label: text, id: optionalText });
  const actionItemSchema = z.object({ action_item: text, type: text, issue_id: optionalText });
  const timelineSchema = z.object({ title: text, description: text });
  const feedbackSchema = z.object({ summary: text, excerpt: text, details: text });
  const suggestedPromptSchema = z.object({
    original_prompt: text,
    suggested_prompt: text,
    feedback_items: list(feedbackSchema),
  });
  const noteUsageItemSchema = z.object({ note_id: text, message: text, reason: text });
  const noteUsageSchema = z.object({
    good_usages: list(noteUsageItemSchema),
    bad_usages: list(noteUsageItemSchema),
  });
  const classificationSchema = z.object({
    category: text,
    confidence: optionalNumber,
    programming_languages: textList,
    tools_and_frameworks: textList,
  });

  const analysisSchema = z.object({
    issues: list(issueSchema),
    action_items: list(actionItemSchema),
    timeline: list(timelineSchema),
    suggested_prompt: z.nullish(suggestedPromptSchema),
    note_usage: z.nullish(noteUsageSchema),
    classification: z.nullish(classificationSchema),
  });
  /** Fields both API versions share. */
  const commonSessionFields = {
    session_id: z.string({ error: 'session_id is missing' }).check(z.minLength(1, 'session_id is empty')),
    url: text,
    title: optionalText,
    status: text,
    org_id: text,
    user_id: optionalText,
    created_at: timestamp,
    updated_at: timestamp,
    acus_consumed: loose(readAcus),
    pull_requests: list(pullRequestSchema),
  };

  return { text, optionalText, optionalNumber, analysisSchema, commonSessionFields };
}

const fields = once(buildFields);

export type RawAnalysis = z.output<ReturnType<typeof fields>['analysisSchema']>;

/** v3 `SessionInsightsResponse`. */
export const v3SessionSchema = once(() => {
  const { optionalText, optionalNumber, analysisSchema, commonSessionFields } = fields();
  return z.object({
    ...commonSessionFields,
    status_detail: optionalText,
    session_size: optionalText,
    num_user_messages: optionalNumber,
    num_devin_messages: optionalNumber,
    category: optionalText,
    analysis: z.nullish(analysisSchema),
  });
});
export type V3Session = z.output<ReturnType<typeof v3SessionSchema>>;

/** v2 `SessionDetailResponse`. */
export const v2SessionSchema = once(() => {
  const { optionalText, analysisSchema, commonSessionFields } = fields();
  return z.object({
    ...commonSessionFields,
    initial_user_message: optionalText,
    session_analysis: z.nullish(analysisSchema),
  });
});
export type V2Session = z.output<ReturnType<typeof v2SessionSchema>>;

/** A page whose items are validated one by one, so that a scan can skip the ones it does not want. */
export const v3PageSchema = once(() =>
  z.object({
    items: z.array(z.unknown(), { error: 'items is missing' }),
    end_cursor: z.nullish(z.string()),
    has_next_page: z.nullish(z.boolean()),
    total: fields().optionalNumber,
  }),
);

export const v2PageSchema = once(() =>
  z.object({
    items: z.array(z.unknown(), { error: 'items is missing' }),
    has_more: z.nullish(z.boolean()),
    total: fields().optionalNumber,
  }),
);

export const generateResponseSchema = once(() => {
  const { optionalText, text } = fields();
  return z.object({ session_id: optionalText, status: text });
});

/** Unix seconds, from integer seconds (v3), milliseconds, or an ISO 8601 string (v2); 0 when unreadable. */
export function readTimestamp(value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value))
    return Math.floor(value > 1e12 ? value / 1000 : value);
  if (typeof value === 'string') {
    const parsed = Date.parse(value);
    if (!Number.isNaN(parsed)) return Math.floor(parsed / 1000);
  }
  return 0;
}

/** The URLs an item lists under `pull_requests`, read without validating the whole item. */
export function pullRequestUrlsOf(item: unknown): string[] {
  const pullRequests = (item as { pull_requests?: unknown } | null)?.pull_requests;
  if (!Array.isArray(pullRequests)) return [];
  const urls: string[] = [];
  for (const pullRequest of pullRequests) {
    const url =
      (pullRequest as { pr_url?: unknown; url?: unknown } | null)?.pr_url ??
      (pullRequest as { url?: unknown })?.url;
    if (typeof url === 'string') urls.push(url);
  }
  return urls;
}
