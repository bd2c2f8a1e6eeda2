/**
 * Handlebars helpers for values that land inside another language's literals. Templates render code, not HTML,
 * so nothing is escaped by default; a value from the user goes through the helper of the literal it lands in.
 */
import type Handlebars from 'handlebars';
import { handlebarsCompiler } from './handlebars.js';

const str = (value: unknown) => (value === undefined || value === null ? '' : String(value));

/** A JSON string literal, quotes included. Also valid in YAML, Python, JavaScript, Java and Go. */
const json = (value: unknown) => JSON.stringify(value ?? null);

/** A TOML basic string, quotes included: TOML also forbids raw DEL and other control characters. */
const toml = (value: unknown) =>
  `"${str(value).replace(/[\\"\u0000-\u001f\u007f]/g, (c) => {
    const named: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\t': '\\t', '\r': '\\r', '\b': '\\b', '\f': '\\f' };
    return named[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  })}"`;

/** XML character data or attribute content (no quotes added). */
const xml = (value: unknown) =>
  str(value).replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

/** A YAML double-quoted scalar: JSON's string syntax is a subset of it. */
const yaml = (value: unknown) => JSON.stringify(str(value));

/** Markdown text on one line: no raw HTML, no line breaks that would end a list item or heading. */
const md = (value: unknown) =>
  str(value)
    .replace(/[\r\n]+/g, ' ')
    .replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;'));

export const helpers: Record<string, Handlebars.HelperDelegate> = {
  json,
  toml,
  xml,
  yaml,
  md,
  eq: (a: unknown, b: unknown) => a === b,
  // Handlebars passes its options hash last; only the real arguments are joined.
  concat: (...args: unknown[]) => args.slice(0, -1).map(str).join(''),
  includes: (list: unknown, item: unknown) => Array.isArray(list) && list.includes(item),
};

/**
 * A private Handlebars instance: helpers never leak into (or from) anyone else's global one. Made from the compiler
 * unless told otherwise; the runtime (handlebars.ts) renders precompiled templates only.
 */
export function createEngine(extraHelpers: Record<string, Handlebars.HelperDelegate> = {}, base: typeof Handlebars = handlebarsCompiler()): typeof Handlebars {
  const engine = base.create();
  for (const [name, fn] of Object.entries({ ...helpers, ...extraHelpers })) engine.registerHelper(name, fn);
  return engine;
}
