/**
 * The renderer of the built-in templates as the build compiles them (src/build/compile-template.ts): each template is
 * a plain function of (context, renderer) that concatenates its text with what it looks up, the helpers it calls and
 * the partials it includes, with Handlebars' semantics for what the built-in templates use (strict lookups, `#if`,
 * `#unless`, `#each`, `lookup`, our helpers, standalone partials indented). No Handlebars at run time: loading its
 * runtime and running templates through it was about 9 ms of CPU of a 90 ms generation on Node 24 here.
 * test/unit/compiled-templates.test.ts renders every starter both ways (this, and Handlebars compiling templates/)
 * and requires the same bytes.
 */

/** A compiled built-in template (or partial): its text for a context. */
export type CompiledTemplate = (context: unknown, r: Renderer) => string;

/** What Handlebars passes a helper last; a team's helpers (replacing one of ours) get the same. */
export interface HelperOptions {
  name: string;
  hash: Record<string, never>;
  data: { root: unknown };
  lookupProperty: (parent: unknown, name: string) => unknown;
  fn?: (context: unknown) => unknown;
  inverse?: (context: unknown) => unknown;
}

type Helper = (this: unknown, ...args: unknown[]) => unknown;

/** The calls a compiled template makes; short names keep the compiled modules small (they are parsed at every run). */
export interface Renderer {
  /** A `{{path}}`'s value: a function is called on the context (Handlebars' lambda); null and undefined print nothing. */
  o(value: unknown, context: unknown): unknown;
  /** A helper's or partial's result: null and undefined print nothing. */
  n(value: unknown): unknown;
  /** The last segment of a `{{path}}`: strict mode, so a missing one is an error. */
  s(parent: unknown, name: string): unknown;
  /** Any other segment: own properties only, as Handlebars' prototype access control allows by default. */
  p(parent: unknown, name: string): unknown;
  /** `{{helper a b}}`, `(helper a b)`. */
  h(name: string, context: unknown, params: unknown[]): unknown;
  /** `{{#helper a}}...{{else}}...{{/helper}}`. */
  b(name: string, context: unknown, params: unknown[], fn: (context: unknown) => unknown, inverse?: (context: unknown) => unknown): unknown;
  /** `{{> name}}`, indented by what preceded it on a line of its own. */
  i(name: unknown, context: unknown, indent?: string): string;
}

const hasOwn = Object.prototype.hasOwnProperty;
const lookupProperty = (parent: unknown, name: string): unknown => {
  const value = (parent as Record<string, unknown>)[name];
  if (value == null) return value;
  return hasOwn.call(parent, name) ? value : undefined;
};
const nullContext = Object.seal({});
/** `#if`'s false: any falsy value (0 included: no includeZero here) and an empty list. */
const isFalse = (value: unknown) => !value || (Array.isArray(value) && value.length === 0);

/** Handlebars' built-in helpers as the templates use them. */
const builtins: Record<string, Helper> = {
  if(this: unknown, conditional: unknown, options: unknown) {
    const o = options as HelperOptions;
    const value = typeof conditional === 'function' ? conditional.call(this) : conditional;
    return isFalse(value) ? o.inverse!(this) : o.fn!(this);
  },
  unless(this: unknown, conditional: unknown, options: unknown) {
    const o = options as HelperOptions;
    return builtins.if!.call(this, conditional, { ...o, fn: o.inverse, inverse: o.fn });
  },
  each(this: unknown, list: unknown, options: unknown) {
    const o = options as HelperOptions;
    const items = typeof list === 'function' ? list.call(this) : list;
    let out = '';
    let count = 0;
    if (items && typeof items === 'object') {
      const values = Array.isArray(items) ? items : Symbol.iterator in items ? [...(items as Iterable<unknown>)] : Object.values(items);
      for (const item of values) {
        out += o.fn!(item);
        count++;
      }
    }
    return count === 0 ? o.inverse!(this) : out;
  },
  lookup: (parent: unknown, name: unknown) => (parent ? lookupProperty(parent, name as string) : parent),
};

const noop = () => '';

/**
 * A renderer with our helpers (and a team's, which may replace ours) and a way to find partials: the built-in ones
 * are compiled templates, a team's come from its --templates folder and are rendered by Handlebars.
 */
export function createRenderer(helpers: Record<string, Helper>, partial: (name: string) => ((context: unknown) => string) | undefined, root: unknown): Renderer {
  const all: Record<string, Helper> = { ...builtins, ...helpers };
  const data = { root };
  const call = (name: string, context: unknown, params: unknown[], extra?: Partial<HelperOptions>) => {
    const helper = all[name];
    if (typeof helper !== 'function') throw new Error(`Missing helper: "${name}"`);
    return helper.call(context ?? nullContext, ...params, { name, hash: {}, data, lookupProperty, ...extra });
  };
  return {
    o: (value, context) => {
      const v = typeof value === 'function' ? value.call(context) : value;
      return v != null ? v : '';
    },
    n: (value) => (value != null ? value : ''),
    s: (parent, name) => {
      if (!parent || !(name in (parent as object))) throw new Error(`"${name}" not defined in ${String(parent)}`);
      return lookupProperty(parent, name);
    },
    p: lookupProperty,
    h: (name, context, params) => call(name, context, params),
    b: (name, context, params, fn, inverse = noop) => call(name, context, params, { fn, inverse }),
    i: (name, context, indent) => {
      const render = partial(String(name));
      if (!render) throw new Error(`The partial ${String(name)} could not be found`);
      const text = render(context);
      if (!indent) return text;
      const lines = text.split('\n');
      // As Handlebars indents a standalone partial: every line, but not the empty one after a last newline.
      for (let k = 0; k < lines.length; k++) {
        if (!lines[k] && k + 1 === lines.length) break;
        lines[k] = indent + lines[k];
      }
      return lines.join('\n');
    },
  };
}
