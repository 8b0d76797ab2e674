import type { Analysis } from '../session.ts';
import type { RawAnalysis } from './schemas.ts';

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
