/**
 * The documented Devin API contract, checked with Ajv (JSON Schema 2020-12, the dialect of OpenAPI 3.1)
 * against the OpenAPI blocks of Devin's API reference (extracted into ./openapi/). Each schema compiles
 * once per process, on first use.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsPlugin from 'ajv-formats';
import v2ListDocument from './openapi/get-v2-enterprise-organizations-sessions-insights.json' with {
  type: 'json',
};
import v3ListDocument from './openapi/get-v3-enterprise-sessions-insights.json' with { type: 'json' };
import generateDocument from './openapi/post-v3-organizations-sessions-insights-generate.json' with {
  type: 'json',
};

type Schema = Record<string, unknown>;

interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema: Schema;
}

interface OperationObject {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema?: Schema }> };
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>;
  components: { schemas: Record<string, Schema> };
}

/** One documented operation as the fake serves it. */
interface OperationSpec {
  document: string;
  method: 'GET' | 'POST';
  path: string;
  operation: OperationObject;
}

/** An Ajv validate function, compiled on its first call. */
interface Validator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

function deferred(compileNow: () => ValidateFunction): Validator {
  let validate: ValidateFunction | undefined;
  const check: Validator = (data) => {
    validate ??= compileNow();
    const valid = validate(data) as boolean;
    check.errors = validate.errors;
    return valid;
  };
  return check;
}

export interface CheckedOperation {
  method: string;
  path: string;
  pattern: RegExp;
  queryArrays: Set<string>;
  validatePath: Validator;
  validateQuery: Validator;
  requestBody: Map<string, Validator | undefined> | undefined;
  bodyRequired: boolean;
  responses: Map<string, Map<string, Validator | undefined>>;
}

export interface RequestToCheck {
  method: string;
  pathname: string;
  query: URLSearchParams;
  contentType: string | undefined;
  body: string;
}

/** One departure from the documents, in the shape of FastAPI's validation errors. */
export interface ContractProblem {
  type: string;
  loc: (string | number)[];
  msg: string;
  input?: unknown;
}

export interface RequestCheck {
  operation: CheckedOperation | undefined;
  /** 'unknown-path' when no operation has the path, 'method' when none has it with the method. */
  mismatch?: 'unknown-path' | 'method';
  problems: ContractProblem[];
}

export function describeProblem({ loc, msg }: ContractProblem): string {
  return `${loc.join('.')}: ${msg}`;
}

const DOCUMENTS = {
  generate: generateDocument,
  'v3-list': v3ListDocument,
  'v2-list': v2ListDocument,
} as unknown as Record<string, OpenApiDocument>;

const V3_LIST_PATH = '/v3/enterprise/sessions/insights';
const nullableString = { anyOf: [{ type: 'string' }, { type: 'null' }] };
const v3ResponseOf = (schema: string) => ({
  content: { 'application/json': { schema: { $ref: `#/components/schemas/${schema}` } } },
});

/**
 * The v3 list and get endpoints as served per organization: the README of the documents says to treat
 * them as the enterprise ones with the org fixed by the path (no `org_ids` / `org_id` filter).
 */
function operationSpecs(): OperationSpec[] {
  const v3List = DOCUMENTS['v3-list'];
  const enterpriseList = v3List?.paths[V3_LIST_PATH]?.get;
  if (!v3List || !enterpriseList)
    throw new Error('The v3 list document has no GET /v3/enterprise/sessions/insights');
  const orgIdInPath: Parameter = { in: 'path', name: 'org_id', required: true, schema: { type: 'string' } };
  const devinIdInPath: Parameter = { in: 'path', name: 'devin_id', required: true, schema: nullableString };
  const getResponses = {
    '200': v3ResponseOf('SessionInsightsResponse'),
    '422': v3ResponseOf('HTTPValidationError'),
  };
  return [
    ...documentedOperations('v3-list'),
    {
      document: 'v3-list',
      method: 'GET',
      path: '/v3/organizations/{org_id}/sessions/insights',
      operation: {
        ...enterpriseList,
        parameters: [
          orgIdInPath,
          ...(enterpriseList.parameters ?? []).filter((parameter) => parameter.name !== 'org_ids'),
        ],
      },
    },
    // 001 is a rendered page without an OpenAPI block; its response is 002's SessionInsightsResponse.
    {
      document: 'v3-list',
      method: 'GET',
      path: '/v3/enterprise/sessions/{devin_id}/insights',
      operation: {
        parameters: [devinIdInPath, { in: 'query', name: 'org_id', schema: nullableString }],
        responses: getResponses,
      },
    },
    {
      document: 'v3-list',
      method: 'GET',
      path: '/v3/organizations/{org_id}/sessions/{devin_id}/insights',
      operation: { parameters: [orgIdInPath, devinIdInPath], responses: getResponses },
    },
    ...documentedOperations('generate'),
    ...documentedOperations('v2-list'),
  ];
}

function documentedOperations(document: string): OperationSpec[] {
  const paths = DOCUMENTS[document]?.paths ?? {};
  return Object.entries(paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      document,
      method: method.toUpperCase() as 'GET' | 'POST',
      path,
      operation,
    })),
  );
}

/**
 * The documents disagree on the v2 `pull_requests` items: the OpenAPI block has `url`/`state`, the example
 * response `pr_url`/`pr_state`/`state`. Their README says to accept both spellings.
 */
function withBothPullRequestSpellings(document: OpenApiDocument): OpenApiDocument {
  const documented = document.components.schemas.SessionPullRequest;
  const v3Spelling = {
    type: 'object',
    properties: { pr_url: { type: 'string' }, pr_state: nullableString, state: nullableString },
    required: ['pr_url'],
  };
  const schemas = { ...document.components.schemas, SessionPullRequest: { anyOf: [documented, v3Spelling] } };
  return { ...document, components: { ...document.components, schemas } };
}

/** Local `#/...` references made absolute, so that a schema taken out of its document still resolves. */
function qualifyRefs(value: unknown, document: string): unknown {
  if (Array.isArray(value)) return value.map((item) => qualifyRefs(item, document));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      key === '$ref' && typeof item === 'string' && item.startsWith('#')
        ? `${document}${item}`
        : qualifyRefs(item, document),
    ]),
  );
}

function newAjv(coerceTypes: boolean): Ajv2020 {
  // strict: false because OpenAPI adds keywords of its own (example, info, paths...).
  const ajv = new Ajv2020({ strict: false, allErrors: true, coerceTypes });
  const addFormats = addFormatsPlugin as unknown as (ajv: Ajv2020) => void;
  addFormats(ajv);
  for (const [name, document] of Object.entries(DOCUMENTS)) {
    ajv.addSchema(name === 'v2-list' ? withBothPullRequestSpellings(document) : document, name);
  }
  return ajv;
}

function acceptsArray(schema: Schema): boolean {
  if (schema.type === 'array') return true;
  const branches = [...((schema.anyOf as Schema[]) ?? []), ...((schema.oneOf as Schema[]) ?? [])];
  return branches.some(acceptsArray);
}

function parametersSchema(parameters: Parameter[], document: string): Schema {
  return {
    type: 'object',
    properties: Object.fromEntries(
      parameters.map(({ name, schema }) => [name, qualifyRefs(schema, document)]),
    ),
    required: parameters.filter((parameter) => parameter.required).map(({ name }) => name),
    additionalProperties: false,
  };
}

function contentValidators(
  ajv: () => Ajv2020,
  content: Record<string, { schema?: Schema }> | undefined,
  document: string,
): Map<string, Validator | undefined> {
  return new Map(
    Object.entries(content ?? {}).map(([type, { schema }]) => [
      type,
      schema ? deferred(() => ajv().compile(qualifyRefs(schema, document) as Schema)) : undefined,
    ]),
  );
}

function compile(spec: OperationSpec, strings: () => Ajv2020, bodies: () => Ajv2020): CheckedOperation {
  const { operation, document } = spec;
  const parameters = operation.parameters ?? [];
  const inPath = parameters.filter((parameter) => parameter.in === 'path');
  const inQuery = parameters.filter((parameter) => parameter.in === 'query');
  const source = spec.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, '(?<$1>[^/]+)');
  return {
    method: spec.method,
    path: spec.path,
    pattern: new RegExp(`^${source}$`),
    queryArrays: new Set(inQuery.filter(({ schema }) => acceptsArray(schema)).map(({ name }) => name)),
    validatePath: deferred(() => strings().compile(parametersSchema(inPath, document))),
    validateQuery: deferred(() => strings().compile(parametersSchema(inQuery, document))),
    requestBody: operation.requestBody && contentValidators(bodies, operation.requestBody.content, document),
    bodyRequired: operation.requestBody?.required ?? false,
    responses: new Map(
      Object.entries(operation.responses).map(([status, response]) => [
        status,
        contentValidators(bodies, response.content, document),
      ]),
    ),
  };
}

let compiled: CheckedOperation[] | undefined;

export function documentedOperationList(): CheckedOperation[] {
  if (!compiled) {
    let strings: Ajv2020 | undefined;
    let bodies: Ajv2020 | undefined;
    compiled = operationSpecs().map((spec) =>
      compile(
        spec,
        () => (strings ??= newAjv(true)),
        () => (bodies ??= newAjv(false)),
      ),
    );
  }
  return compiled;
}

/** A failed anyOf said once, by its first alternative (`must be integer`, not also `must be null`). */
function withoutAlternatives(errors: ErrorObject[]): ErrorObject[] {
  const unions = errors.filter(({ keyword }) => keyword === 'anyOf' || keyword === 'oneOf');
  return errors.filter(
    (error) =>
      !unions.some(
        (union) =>
          error === union ||
          (error.schemaPath.startsWith(`${union.schemaPath}/`) &&
            !error.schemaPath.startsWith(`${union.schemaPath}/0/`)),
      ),
  );
}

function describeErrors(
  where: string,
  data: unknown,
  errors: ErrorObject[] | null | undefined,
): ContractProblem[] {
  return withoutAlternatives(errors ?? []).map(({ instancePath, message, params, keyword }) => {
    const path = instancePath
      .split('/')
      .slice(1)
      .map((segment) =>
        /^\d+$/.test(segment) ? Number(segment) : segment.replaceAll('~1', '/').replaceAll('~0', '~'),
      );
    const extra = (params as { additionalProperty?: string }).additionalProperty;
    const detail = Object.keys(params).length > 0 ? ` ${JSON.stringify(params)}` : '';
    return {
      type: keyword,
      loc: extra === undefined ? [where, ...path] : [where, ...path, extra],
      msg: `${message ?? 'is invalid'}${detail}`,
      input: valueAt(data, path),
    };
  });
}

function valueAt(data: unknown, path: (string | number)[]): unknown {
  let value = data;
  for (const key of path) value = (value as Record<string | number, unknown> | undefined)?.[key];
  return value;
}

function problem(loc: (string | number)[], msg: string, input?: unknown): ContractProblem {
  return { type: 'contract', loc, msg, input };
}

function mediaType(contentType: string | undefined): string | undefined {
  return contentType?.split(';')[0]?.trim().toLowerCase() || undefined;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function checkBody(
  validators: Map<string, Validator | undefined> | undefined,
  required: boolean,
  contentType: string | undefined,
  body: string,
  where: string,
): ContractProblem[] {
  const type = mediaType(contentType);
  if (!validators) {
    const problems: ContractProblem[] = [];
    if (body.length > 0) problems.push(problem([where], 'the document defines no body here', body));
    if (type)
      problems.push(problem([where], `the document defines no body here, yet content-type is ${type}`));
    return problems;
  }
  if (body.length === 0 && type === undefined)
    return required ? [problem([where], 'a body is required')] : [];
  if (type === undefined || !validators.has(type)) {
    const allowed = [...validators.keys()].join(', ');
    return [problem([where], `content-type ${type ?? '(none)'} is not one of ${allowed}`, contentType)];
  }
  const validate = validators.get(type);
  if (!validate || type !== 'application/json') return [];
  const parsed = parseJson(body);
  if (!parsed.ok) return [problem([where], 'is not valid JSON', body)];
  return validate(parsed.value) ? [] : describeErrors(where, parsed.value, validate.errors);
}

/** Query parameters as the schema sees them: repeated keys form an array where the parameter is one. */
function queryObject(query: URLSearchParams, arrays: Set<string>, problems: ContractProblem[]) {
  const values: Record<string, unknown> = {};
  for (const name of new Set(query.keys())) {
    const all = query.getAll(name);
    if (arrays.has(name)) values[name] = all;
    else {
      if (all.length > 1)
        problems.push(problem(['query', name], `is not an array, but given ${all.length} times`, all));
      values[name] = all[all.length - 1];
    }
  }
  return values;
}

function decode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

export function checkRequest(request: RequestToCheck): RequestCheck {
  const onPath = documentedOperationList().filter((operation) => operation.pattern.test(request.pathname));
  const operation = onPath.find((candidate) => candidate.method === request.method);
  if (!operation) {
    const known = onPath[0];
    return known
      ? {
          operation: undefined,
          mismatch: 'method',
          problems: [problem(['method'], `${request.method} is not documented for ${known.path}`)],
        }
      : {
          operation: undefined,
          mismatch: 'unknown-path',
          problems: [problem(['path'], 'no documented operation has this path', request.pathname)],
        };
  }
  const problems: ContractProblem[] = [];
  const pathValues: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(operation.pattern.exec(request.pathname)?.groups ?? {})) {
    const value = decode(raw);
    if (value === undefined) problems.push(problem(['path', name], 'is not valid percent-encoding', raw));
    else pathValues[name] = value;
  }
  if (!operation.validatePath(pathValues)) {
    problems.push(...describeErrors('path', pathValues, operation.validatePath.errors));
  }
  const queryValues = queryObject(request.query, operation.queryArrays, problems);
  // Ajv coerces the values it checks in place: keep the strings the client sent for the error details.
  const sent = structuredClone(queryValues);
  if (!operation.validateQuery(queryValues)) {
    problems.push(...describeErrors('query', sent, operation.validateQuery.errors));
  }
  problems.push(
    ...checkBody(operation.requestBody, operation.bodyRequired, request.contentType, request.body, 'body'),
  );
  return { operation, problems };
}

/** Statuses the document does not describe (401, 403, 404, 5xx...) have no schema to check. */
export function checkResponse(
  operation: CheckedOperation,
  status: number,
  contentType: string | undefined,
  body: string,
): ContractProblem[] {
  const documented = operation.responses.get(String(status)) ?? operation.responses.get('default');
  if (!documented) return [];
  return checkBody(documented.size > 0 ? documented : undefined, true, contentType, body, `${status} body`);
}
