// spec.mjs — loads src/platform/openapi.yaml and checks HTTP answers against it
//
// Copyright 2026 The Textdesk authors
// SPDX-License-Identifier: GPL-3.0-or-later

import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

export const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const SCHEMA_PREFIX = '#/components/schemas/';
const SCHEMA_URN = 'urn:textdesk:schema:';

// A JSON pointer lookup into the document ("#/a/b~1c").
export function pointer (doc, ref) {
  if (!ref.startsWith('#/'))
    throw new Error(`only local references are used: ${ref}`);
  let node = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !(key in node))
      throw new Error(`unresolved reference ${ref}`);
    node = node[key];
  }
  return node;
}

// Deep copy with schema references rewritten to the ids they are
// registered under in ajv, so that each component schema compiles alone.
function rewriteRefs (node) {
  if (Array.isArray(node))
    return node.map(rewriteRefs);
  if (node === null || typeof node !== 'object')
    return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === '$ref' && typeof v === 'string' && v.startsWith(SCHEMA_PREFIX))
      out[k] = SCHEMA_URN + v.slice(SCHEMA_PREFIX.length);
    else
      out[k] = rewriteRefs(v);
  }
  return out;
}

function mediaType (contentType) {
  return (contentType || '').split(';')[0].trim().toLowerCase();
}

function isJsonMedia (type) {
  return type === 'application/json' || type.endsWith('+json');
}

// A path template ("/v1/lists/{list_id}/members") as a RegExp.
function templateRegExp (template) {
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => part.startsWith('{') ? '([^/]+)' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('');
  return new RegExp(`^${source}$`);
}

export class Spec {
  constructor (file) {
    this.file = file;
    this.text = readFileSync(file, 'utf8');
    this.doc = parseYaml(this.text);
    this.ajv = new Ajv2020({
      allErrors: true,
      strict: true,
      strictTypes: false,      // "type" may sit beside the applicators that use it
      strictRequired: false,   // required names may be declared in an allOf branch
      validateFormats: true,
    });
    addFormats(this.ajv);
    for (const [name, schema] of Object.entries(this.doc.components?.schemas ?? {}))
      this.ajv.addSchema(rewriteRefs(schema), SCHEMA_URN + name);
    this.validators = new Map();
    this.templates = [];
    for (const [template, item] of Object.entries(this.doc.paths ?? {}))
      this.templates.push({ template, item, re: templateRegExp(template) });
    // Literal paths before templated ones: /gateway/twilio/status must not
    // be taken for /gateway/twilio/{short_code}.
    this.templates.sort((a, b) => (a.template.match(/\{/g) ?? []).length -
                                  (b.template.match(/\{/g) ?? []).length);
  }

  // Follows $ref of non-schema objects (responses, parameters, headers ...).
  deref (obj) {
    let seen = 0;
    while (obj && typeof obj === 'object' && typeof obj.$ref === 'string') {
      obj = pointer(this.doc, obj.$ref);
      if (++seen > 20)
        throw new Error('reference loop');
    }
    return obj;
  }

  // Compiles (once) a schema of the document: a component schema by name,
  // or an inline schema object.
  validator (schema) {
    const key = typeof schema === 'string' ? schema : JSON.stringify(schema);
    let validate = this.validators.get(key);
    if (!validate) {
      const compiled = typeof schema === 'string'
        ? { $ref: SCHEMA_URN + schema }
        : rewriteRefs(schema);
      validate = this.ajv.compile(compiled);
      this.validators.set(key, validate);
    }
    return validate;
  }

  // Returns a list of readable errors ([] when the value is valid).
  validate (schema, value, where = '') {
    const validate = this.validator(schema);
    if (validate(value))
      return [];
    return validate.errors.map((e) =>
      `${where}${e.instancePath || '/'} ${e.message}` +
      (e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''));
  }

  * operations () {
    for (const { template, item } of this.templates) {
      for (const method of METHODS) {
        if (item[method])
          yield { method, template, item, op: item[method] };
      }
    }
  }

  // The operation that answers METHOD PATH (query string ignored), or null.
  findOperation (method, path) {
    const bare = path.split('?')[0];
    for (const { template, item, re } of this.templates) {
      if (re.test(bare) && item[method.toLowerCase()])
        return { method: method.toLowerCase(), template, item, op: item[method.toLowerCase()] };
    }
    return null;
  }

  // Checks a request against the contract: its required parameters and
  // headers, and a JSON or form body against the operation's body schema.
  // Returns a list of errors ([] when the contract allows the request).
  checkRequest ({ method, path, headers = {}, body, contentType }) {
    const found = this.findOperation(method, path);
    if (!found)
      return [`${method} ${path} is not an operation of the contract`];
    const { op, item, template } = found;
    const where = `${method.toUpperCase()} ${template} request`;
    const errors = [];
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    const query = new URLSearchParams(path.includes('?') ? path.slice(path.indexOf('?') + 1) : '');
    for (const ref of [...(item.parameters ?? []), ...(op.parameters ?? [])]) {
      const param = this.deref(ref);
      let value;
      if (param.in === 'header')
        value = lower[param.name.toLowerCase()];
      else if (param.in === 'query')
        value = query.get(param.name) ?? undefined;
      else
        continue;
      if (value === undefined) {
        if (param.required)
          errors.push(`${where}: required ${param.in} parameter ${param.name} is missing`);
        continue;
      }
      const schema = param.schema?.$ref ? pointer(this.doc, param.schema.$ref) : (param.schema ?? {});
      let parsed = value;
      if (schema.type === 'integer' || schema.type === 'number')
        parsed = /^-?[0-9]+(\.[0-9]+)?$/.test(value) ? Number(value) : value;
      else if (schema.type === 'boolean')
        parsed = value === 'true' ? true : value === 'false' ? false : value;
      errors.push(...this.validate(param.schema ?? {}, parsed, `${where}: ${param.name}: `));
    }
    const requestBody = op.requestBody ? this.deref(op.requestBody) : null;
    if (requestBody && body !== undefined) {
      const type = mediaType(contentType);
      const media = requestBody.content?.[type];
      if (!media) {
        errors.push(`${where}: body of type ${type || 'none'} is not one of ${Object.keys(requestBody.content).join(', ')}`);
      } else if (isJsonMedia(type)) {
        let value;
        try {
          value = JSON.parse(body);
        } catch (e) {
          return [...errors, `${where}: body is not JSON`];
        }
        errors.push(...this.validate(media.schema, value, `${where}: body`));
      } else if (type === 'application/x-www-form-urlencoded') {
        errors.push(...this.validate(media.schema, Object.fromEntries(new URLSearchParams(body)), `${where}: form`));
      }
    } else if (requestBody?.required && body === undefined) {
      errors.push(`${where}: the body is missing`);
    }
    return errors;
  }

  // Checks one answer against the contract: documented status, required
  // and well-formed headers, documented media type, body schema, and a
  // problem's status equal to the HTTP status. Returns a list of errors.
  checkAnswer ({ method, path, status, headers, text }) {
    const errors = [];
    const found = this.findOperation(method, path);
    if (!found)
      return [`${method} ${path} is not an operation of the contract`];
    const { op, template } = found;
    const where = `${method.toUpperCase()} ${template} → ${status}`;
    const responses = op.responses ?? {};
    const declared = responses[String(status)] ??
      responses[`${String(status)[0]}XX`] ?? responses.default;
    if (!declared)
      return [`${where}: status ${status} is not documented (documented: ${Object.keys(responses).join(', ')})`];
    const response = this.deref(declared);
    const get = (name) => headers.get(name);

    for (const [name, ref] of Object.entries(response.headers ?? {})) {
      const header = this.deref(ref);
      const value = get(name);
      if (value === null || value === undefined) {
        if (header.required)
          errors.push(`${where}: required header ${name} is missing`);
        continue;
      }
      const schema = header.schema ?? {};
      const resolved = schema.$ref ? pointer(this.doc, schema.$ref) : schema;
      let parsed = value;
      if (resolved.type === 'integer' || resolved.type === 'number') {
        parsed = /^-?[0-9]+(\.[0-9]+)?$/.test(value.trim()) ? Number(value.trim()) : value;
      }
      errors.push(...this.validate(schema, parsed, `${where}: header ${name}: `));
    }

    const content = response.content;
    const type = mediaType(get('content-type'));
    if (!content) {
      if (text && text.length > 0)
        errors.push(`${where}: no body is documented, got ${text.length} bytes of ${type || 'no type'}`);
      return errors;
    }
    if (!(type in content)) {
      errors.push(`${where}: Content-Type "${get('content-type')}" is not one of ${Object.keys(content).join(', ')}`);
      return errors;
    }
    const schema = content[type].schema;
    let body = text;
    if (isJsonMedia(type)) {
      try {
        body = JSON.parse(text);
      } catch (e) {
        errors.push(`${where}: body is not JSON (${e.message}): ${JSON.stringify(text.slice(0, 200))}`);
        return errors;
      }
    }
    if (schema)
      errors.push(...this.validate(schema, body, `${where}: body`));
    if (type === 'application/problem+json' && body && typeof body === 'object' &&
        body.status !== status)
      errors.push(`${where}: problem "status" is ${body.status}, the HTTP status is ${status}`);
    return errors;
  }
}

export function loadSpec (file) {
  return new Spec(file);
}
