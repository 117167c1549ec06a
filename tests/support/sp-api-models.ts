import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

/**
 * Validates real traffic against Amazon's official SP-API models (Swagger 2.0 + JSON Schema, in the handout folder
 * `../shared/sp-api-models/` beside the repo). Read in place, never copied into the repo.
 */
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const CANDIDATES = [process.env.SP_API_MODELS_DIR, path.join(repoRoot, '..', 'shared', 'sp-api-models'), '/work/shared/sp-api-models'];

export function modelsDir(): string {
  for (const dir of CANDIDATES) if (dir && fs.existsSync(path.join(dir, 'orders-2026-01-01.json'))) return dir;
  throw new Error(`SP-API models not found; set SP_API_MODELS_DIR (looked in ${CANDIDATES.filter(Boolean).join(', ')})`);
}

interface SwaggerParameter {
  name: string;
  in: 'query' | 'path' | 'body' | 'header';
  required?: boolean;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Record<string, unknown>;
  maxItems?: number;
  minItems?: number;
  maximum?: number;
  minimum?: number;
  maxLength?: number;
  minLength?: number;
  schema?: Record<string, unknown>;
}

interface SwaggerOperation {
  operationId: string;
  parameters?: SwaggerParameter[];
  responses: Record<string, { schema?: Record<string, unknown>; 'x-amzn-api-sandbox'?: { static?: SandboxExample[] } }>;
}

export interface SandboxExample {
  request?: { parameters?: Record<string, { value: unknown }> };
  response?: unknown;
}

export interface ModelOperation {
  file: string;
  operationId: string;
  method: string;
  pathTemplate: string;
  pathPattern: RegExp;
  pathParams: string[];
  spec: SwaggerOperation;
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

export class ModelValidator {
  private readonly ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  private readonly docs = new Map<string, { paths: Record<string, Record<string, unknown>> }>();
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly dir = modelsDir();

  constructor() {
    addFormats(this.ajv);
    for (const f of ['int32', 'int64', 'double', 'float', 'byte', 'binary', 'decimal']) this.ajv.addFormat(f, true);
  }

  private doc(file: string) {
    let doc = this.docs.get(file);
    if (!doc) {
      doc = JSON.parse(fs.readFileSync(path.join(this.dir, file), 'utf8')) as { paths: Record<string, Record<string, unknown>>; definitions?: object };
      this.docs.set(file, doc);
    }
    return doc as { paths: Record<string, Record<string, unknown>>; definitions?: Record<string, unknown> };
  }

  operations(file: string): ModelOperation[] {
    const out: ModelOperation[] = [];
    for (const [template, methods] of Object.entries(this.doc(file).paths)) {
      for (const [method, op] of Object.entries(methods)) {
        if (!op || typeof op !== 'object' || !('operationId' in op)) continue;
        const pathParams = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');
        const pattern = new RegExp(`^${template.replace(/\{\w+\}/g, '([^/]+)')}$`);
        out.push({ file, operationId: (op as SwaggerOperation).operationId, method: method.toUpperCase(), pathTemplate: template, pathPattern: pattern, pathParams, spec: op as SwaggerOperation });
      }
    }
    return out;
  }

  operation(file: string, operationId: string): ModelOperation {
    const op = this.operations(file).find((o) => o.operationId === operationId);
    if (!op) throw new Error(`${operationId} not in ${file}`);
    return op;
  }

  /** Finds the operation a request is for, by method and path, across the given model files. */
  match(files: string[], method: string, pathname: string): ModelOperation | undefined {
    for (const file of files) {
      for (const op of this.operations(file)) {
        if (op.method === method.toUpperCase() && op.pathPattern.test(pathname)) return op;
      }
    }
    return undefined;
  }

  private validator(file: string, key: string, schema: Record<string, unknown>): ValidateFunction {
    const cacheKey = `${file}#${key}`;
    let fn = this.compiled.get(cacheKey);
    if (!fn) {
      const id = `https://models.local/${file}`;
      if (!this.ajv.getSchema(id)) this.ajv.addSchema({ $id: id, definitions: this.doc(file).definitions ?? {} });
      // Refs inside the operation's schema are relative to its model document.
      const rebased = JSON.parse(JSON.stringify(schema).replaceAll('"#/definitions/', `"${id}#/definitions/`)) as Record<string, unknown>;
      fn = this.ajv.compile(rebased);
      this.compiled.set(cacheKey, fn);
    }
    return fn;
  }

  private errors(fn: ValidateFunction, data: unknown): string[] {
    return fn(data) ? [] : (fn.errors ?? []).map((e) => `${e.instancePath || '(root)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
  }

  /** Checks an HTTP request as sent on the wire: path params, query string (csv arrays), JSON body. Unknown query parameters are errors. */
  validateRequest(op: ModelOperation, req: { pathname: string; query: URLSearchParams; body?: unknown }): string[] {
    const problems: string[] = [];
    const params = op.spec.parameters ?? [];
    const match = op.pathPattern.exec(req.pathname);
    if (!match) return [`path ${req.pathname} does not match ${op.pathTemplate}`];

    const queryProps: Record<string, unknown> = {};
    const required: string[] = [];
    const queryValue: Record<string, unknown> = {};
    for (const p of params.filter((x) => x.in === 'query')) {
      const { name, in: _in, required: req_, schema: _s, ...rest } = p;
      queryProps[name] = Object.fromEntries(Object.entries(rest).filter(([k]) => !k.startsWith('x-') && k !== 'description' && k !== 'collectionFormat'));
      if (req_) required.push(name);
    }
    for (const key of new Set(req.query.keys())) {
      const spec = params.find((x) => x.in === 'query' && x.name === key);
      const raw = req.query.get(key) ?? '';
      if (!spec) {
        problems.push(`query parameter ${key} is not in the model`);
        continue;
      }
      queryValue[key] = coerce(spec, raw);
    }
    problems.push(...this.errors(this.validator(op.file, `${op.operationId}:query`, { type: 'object', properties: queryProps, required }), queryValue).map((e) => `query ${e}`));

    op.pathParams.forEach((name, i) => {
      const spec = params.find((x) => x.in === 'path' && x.name === name);
      const value = decodeURIComponent(match[i + 1] ?? '');
      if (spec?.maxLength !== undefined && value.length > spec.maxLength) problems.push(`path ${name} longer than ${spec.maxLength}`);
    });

    const bodyParam = params.find((x) => x.in === 'body');
    if (bodyParam?.schema) {
      if (req.body === undefined) {
        if (bodyParam.required) problems.push('body is required');
      } else {
        problems.push(...this.errors(this.validator(op.file, `${op.operationId}:body`, bodyParam.schema), req.body).map((e) => `body ${e}`));
      }
    }
    return problems;
  }

  /** Checks a response body against the model's schema for that status (or `default`). A status the model does not list is an error. */
  validateResponse(op: ModelOperation, status: number, body: unknown): string[] {
    const spec = op.spec.responses[String(status)] ?? op.spec.responses.default;
    if (!spec) return [`status ${status} is not a documented response of ${op.operationId}`];
    if (!spec.schema) return body === undefined || body === null || body === '' ? [] : [`status ${status} of ${op.operationId} has no body in the model`];
    return this.errors(this.validator(op.file, `${op.operationId}:${status}`, spec.schema), body).map((e) => `response ${status} ${e}`);
  }

  sandboxExamples(op: ModelOperation): { status: number; example: SandboxExample }[] {
    return Object.entries(op.spec.responses).flatMap(([status, r]) =>
      (r['x-amzn-api-sandbox']?.static ?? []).map((example) => ({ status: Number(status), example })),
    );
  }
}

function coerce(spec: SwaggerParameter, raw: string): unknown {
  if (spec.type === 'array') {
    const itemType = (spec.items as { type?: string } | undefined)?.type;
    return raw.split(',').map((v) => (itemType === 'integer' || itemType === 'number' ? Number(v) : v));
  }
  if (spec.type === 'integer' || spec.type === 'number') return raw.trim() === '' ? raw : Number(raw);
  if (spec.type === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : raw;
  return raw;
}
