/**
 * The built-in templates' compiler (src/build/compile-template.ts) and renderer (src/plan/render.ts) against
 * Handlebars itself on the constructs the templates use, edge cases included; and the constructs it refuses, which
 * fail the build instead of rendering differently. compiled-templates.test.ts does the same on every real starter.
 */
import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { compileTemplate } from '../../src/build/compile-template.js';
import { helpers } from '../../src/plan/helpers.js';
import { COMPILE_OPTIONS } from '../../src/plan/plan.js';
import { createRenderer, type CompiledTemplate } from '../../src/plan/render.js';

const HELPERS = new Set(Object.keys(helpers));

function both(source: string, context: object, partials: Record<string, string> = {}) {
  const hb = Handlebars.create();
  for (const [name, fn] of Object.entries(helpers)) hb.registerHelper(name, fn);
  for (const [name, text] of Object.entries(partials)) hb.registerPartial(name, text);
  const expected = hb.compile(source, COMPILE_OPTIONS)(context);
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const compile = (text: string, name: string) => new Function(`return ${compileTemplate(text, HELPERS, name)}`)() as CompiledTemplate;
  const compiledPartials = new Map(Object.entries(partials).map(([name, text]) => [name, compile(text, name)]));
  const r = createRenderer(helpers as never, (name) => {
    const p = compiledPartials.get(name);
    return p && ((c: unknown) => p(c, r));
  }, context);
  return { expected, actual: compile(source, 'test.hbs')(context, r) };
}

describe('compiled built-in templates', () => {
  const cases: Array<[string, string, object, Record<string, string>?]> = [
    ['text and paths', 'Hello {{name}} of {{team.name}}!\n', { name: 'Ada', team: { name: 'ops' } }],
    ['adjacent numbers add up, as in Handlebars', '{{a}}{{b}} and {{a}}-{{b}}', { a: 1, b: 2 }],
    ['a number alone', '{{port}}', { port: 8080 }],
    ['null and undefined print nothing, false and 0 print', '[{{a}}][{{b}}][{{c}}][{{d}}]', { a: null, b: undefined, c: false, d: 0 }],
    ['a function value is called on the context', '{{greet}}', { who: 'x', greet(this: { who: string }) { return `hi ${this.who}`; } }],
    ['if / else if / else', '{{#if a}}A{{else if b}}B{{else}}C{{/if}}|{{#if b}}B{{/if}}', { a: 0, b: [] }],
    ['if on a non-empty list and a string', '{{#if list}}L{{/if}}{{#if s}}S{{/if}}', { list: [1], s: 'x' }],
    ['unless', '{{#unless a}}not a{{else}}a{{/unless}}', { a: false }],
    ['each with this, nested paths and else', '{{#each items}}- {{md this.label}} {{this.n}}\n{{else}}none\n{{/each}}{{#each empty}}x{{else}}empty{{/each}}', { items: [{ label: 'a<b>', n: 1 }, { label: 'c', n: 2 }], empty: [] }],
    ['each over strings', '{{#each names}}[{{this}}]{{/each}}', { names: ['x', 'y'] }],
    ['standalone lines and ~', 'a\n  {{#if t}}\n  b\n  {{/if}}\nc {{~ x ~}} d\n{{! a comment }}\n', { t: true, x: 'X' }],
    ['helpers and sub-expressions', '{{json name}} {{yaml (concat a "-" b)}} {{#if (eq a "x")}}eq{{/if}} {{toml q}}', { name: 'a"b', a: 'x', b: 'y', q: 'line\n' }],
    ['lookup', '{{lookup obj "k"}} {{lookup missing "k"}}', { obj: { k: 'v' } }],
    ['a standalone partial is indented, nested ones too', 'top:\n  {{> outer}}\nend\n', { v: 'V' }, { outer: 'o1\n  {{> inner}}\no2 {{v}}\n', inner: 'i1\ni2\n' }],
    ['a partial by lookup', '{{> (lookup . "which")}}', { which: 'p-node', x: 1 }, { 'p-node': 'node {{x}}' }],
    ['a partial sees the context of its block', '{{#each xs}}{{> item}}{{/each}}', { xs: [{ v: 1 }, { v: 2 }] }, { item: '<{{v}}>' }],
  ];
  for (const [name, source, context, partials] of cases) {
    it(`renders as Handlebars does: ${name}`, () => {
      const { expected, actual } = both(source, context, partials);
      expect(actual).toBe(expected);
    });
  }

  it('fails on a missing value as strict Handlebars does, and passes a missing one to a helper or #if', () => {
    expect(() => both('{{nope}}', {})).toThrow(/"nope" not defined/);
    expect(() => both('{{a.nope}}', { a: {} })).toThrow(/"nope" not defined/);
    expect(both('{{#if a.nope}}x{{else}}y{{/if}}{{json a.nope}}', { a: {} })).toEqual({ expected: 'ynull', actual: 'ynull' });
  });

  it('reads own properties only, as Handlebars allows by default', () => {
    const context = { a: Object.create({ inherited: 'no' }) };
    const { expected, actual } = both('[{{#if a.inherited}}yes{{/if}}]', context);
    expect(actual).toBe(expected);
    expect(actual).toBe('[]');
  });

  it('refuses what it does not implement, naming the template and line', () => {
    for (const source of ['{{../x}}', '{{@index}}', '{{{raw}}}', '{{json x pretty=true}}', '{{#with a}}x{{/with}}', '{{#each xs as |x|}}{{x}}{{/each}}', '{{> p arg}}', '{{#> layout}}x{{/layout}}', 'a\n{{shout x}}', '{{json}}']) {
      expect(() => compileTemplate(source, HELPERS, 'bad.hbs'), source).toThrow(/^bad\.hbs(:\d+:\d+)?: .* is not supported/);
    }
    expect(() => compileTemplate('a\n{{shout x}}', HELPERS, 'bad.hbs')).toThrow(/^bad\.hbs:2:1: the helper "shout"/);
  });
});
