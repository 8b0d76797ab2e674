import { type Analysis, bareSessionId, type Session } from '../model/session.ts';
import type { RawAnalysis, V2Session, V3Session } from './schemas.ts';

/** The fields both API versions share, in the one model; each adapter adds what only its version has. */
export function mapCommonFields(raw: V2Session | V3Session) {
  return {
    id: bareSessionId(raw.session_id),
    url: raw.url,
    title: raw.title,
    status: raw.status,
    orgId: raw.org_id,
    userId: raw.user_id,
    createdAt: raw.created_at,
    updatedAt: raw.updated_at,
    acus: raw.acus_consumed,
    pullRequests: raw.pull_requests,
  } satisfies Partial<Session>;
}

/** Both API versions' analysis, in the one model. */
export function mapAnalysis(raw: RawAnalysis): Analysis {
  return {
    issues: raw.issues.map((issue) => ({
      impact: issue.impact,
      label: issue.label,
      text: issue.issue,
      id: issue.id,
    })),
    actionItems: raw.action_items.map((item) => ({
      type: item.type || 'other',
      text: item.action_item,
      issueId: item.issue_id,
    })),
    timeline: raw.timeline,
    suggestedPrompt: raw.suggested_prompt
      ? {
          original: raw.suggested_prompt.original_prompt,
          suggested: raw.suggested_prompt.suggested_prompt,
          feedback: raw.suggested_prompt.feedback_items,
        }
      : undefined,
    noteUsage: raw.note_usage
      ? { good: mapNotes(raw.note_usage.good_usages), bad: mapNotes(raw.note_usage.bad_usages) }
      : undefined,
    classification: raw.classification
      ? {
          category: raw.classification.category,
          confidence: raw.classification.confidence,
          languages: raw.classification.programming_languages,
          tools: raw.classification.tools_and_frameworks,
        }
      : undefined,
  };
}

function mapNotes(items: { note_id: string; message: string; reason: string }[]) {
  return items.map((item) => ({ noteId: item.note_id, message: item.message, reason: item.reason }));
}
