import type * as z from 'zod/mini';
import { ExpectedFailure } from '../model/expected-failure.ts';
import { logText } from '../model/text.ts';

/** A Devin API failure, worded for the person who reads the workflow log. */
export class DevinApiError extends ExpectedFailure {
  override name = 'DevinApiError';
  readonly endpoint: string;
  readonly status?: number;

  constructor(message: string, details: { endpoint: string; status?: number }) {
    super(message);
    this.endpoint = details.endpoint;
    this.status = details.status;
  }
}

/**
 * Whether the Devin API is down rather than the workflow set up wrong: unreachable, timing out, or 5xx or 429
 * after the retries. Only an outage may pass under `if-api-error: warn`; a refused key (401), a missing
 * permission (403), an unknown organization (404), a refused request (422) or an answer that is not the API's
 * (not JSON, the wrong shape, a redirect) fails the step whatever the setting.
 */
export function isOutage(error: DevinApiError): boolean {
  const { status } = error;
  return status === undefined || status >= 500 || status === 429;
}

/** Whether no other request with the same credential and settings can succeed: the key, its scope, the URL. */
export function isConfigurationError(error: DevinApiError): boolean {
  const { status } = error;
  if (status === undefined) return false;
  return status === 401 || status === 403 || status === 404 || (status >= 200 && status < 400);
}

export interface FailedResponse {
  endpoint: string;
  status: number;
  /** The parsed JSON body, when it was JSON. */
  body: unknown;
  rawBody: string;
  contentType: string;
  permission: string;
  subject?: string;
  expectedKey: string;
}

export function describeFailure(response: FailedResponse): DevinApiError {
  return new DevinApiError(messageFor(response), { endpoint: response.endpoint, status: response.status });
}

function messageFor(response: FailedResponse): string {
  const { endpoint, status } = response;
  const answered = `The Devin API answered ${status} to ${endpoint}`;
  if (status >= 200 && status < 300) {
    return `${answered} with a body that is not JSON (${describeBody(response)}): that is not the Devin API's answer. Check devin-api-url, and any proxy or sign-in page in between.`;
  }
  switch (status) {
    case 401:
      return `${answered}: the key in devin-api-key was rejected. Expected ${response.expectedKey}; check that the secret is set and current.`;
    case 403:
      return `${answered}: the credential lacks the ${response.permission} permission. Grant it to the service user (or user) behind devin-api-key.`;
    case 404:
      return response.subject
        ? `${answered}: ${logText(response.subject, 200)} was not found. Check devin-org-id and that the key can see that organization.`
        : `${answered}: no such endpoint. Check devin-api-url (the API's base URL, such as https://api.devin.ai) and devin-org-id.`;
    case 422:
      return `${answered}: the request was not valid: ${validationDetails(response.body) ?? describeBody(response)}.`;
    case 429:
      return `${answered}: too many requests.`;
    default:
      return `${answered} (${describeBody(response)}).`;
  }
}

function validationDetails(body: unknown): string | undefined {
  const detail = (body as { detail?: unknown } | null)?.detail;
  if (typeof detail === 'string') return logText(detail, 300);
  if (!Array.isArray(detail) || detail.length === 0) return undefined;
  const details = detail
    .map((item: { loc?: unknown; msg?: unknown }) => {
      const location = Array.isArray(item?.loc) ? item.loc.join('.') : '';
      return location ? `${location}: ${String(item?.msg ?? '')}` : String(item?.msg ?? '');
    })
    .join('; ');
  return logText(details, 300);
}

function describeBody(response: FailedResponse): string {
  const detail = (response.body as { detail?: unknown } | null)?.detail;
  if (typeof detail === 'string') return logText(detail, 300);
  if (response.body !== undefined) return logText(JSON.stringify(response.body), 200);
  const kind = response.contentType
    ? logText(response.contentType.split(';')[0] ?? '', 80)
    : 'no content type';
  const snippet = logText(response.rawBody, 80);
  return snippet ? `${kind}: "${snippet}"` : `${kind}, empty body`;
}

/**
 * An answer the action cannot use, naming the endpoint and the first field that is wrong. `within` places
 * the field, for a schema applied to a part of the answer (one item of a page: `items[]`).
 */
export function unusableAnswerError(
  endpoint: string,
  error: z.core.$ZodError,
  within?: string,
): DevinApiError {
  const issue = error.issues[0];
  const path = [within, ...(issue?.path ?? [])].filter((part) => part !== undefined).join('.');
  const where = path ? ` at ${logText(path, 200)}` : '';
  return new DevinApiError(
    `The Devin API's answer to ${endpoint} is not what the action needs${where}: ${logText(issue?.message ?? 'invalid', 300)}. Check that devin-api-url is the Devin API's base URL.`,
    { endpoint, status: 200 },
  );
}
