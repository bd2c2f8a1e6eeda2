import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deriveNames, NameError, slugify, validateFolderName } from '../../src/plan/names.js';

describe('project names', () => {
  it('derives a valid name for every ecosystem', () => {
    const names = deriveNames('My Invoice-API');
    expect(names).toMatchObject({
      folder: 'My Invoice-API',
      slug: 'my-invoice-api',
      npmName: 'my-invoice-api',
      pythonDist: 'my-invoice-api',
      pythonModule: 'my_invoice_api',
      goModule: 'example.com/my-invoice-api',
      crateName: 'my-invoice-api',
      crateIdent: 'my_invoice_api',
      javaPackage: 'com.example.myinvoiceapi',
      javaPackagePath: 'com/example/myinvoiceapi',
      imageName: 'my-invoice-api',
    });
  });

  it('splits camel case and drops accents', () => {
    expect(slugify('InvoiceService')).toBe('invoice-service');
    expect(slugify('Crème Brûlée')).toBe('creme-brulee');
    expect(slugify('api 🚀 v2')).toBe('api-v2');
  });

  it('keeps identifiers valid when a name starts with a digit or is a keyword', () => {
    expect(deriveNames('2fa').pythonModule).toBe('app_2fa');
    expect(deriveNames('2fa').crateIdent).toBe('app_2fa');
    expect(deriveNames('2fa').javaPackage).toBe('com.example.app2fa');
    expect(deriveNames('import').pythonModule).toBe('import_app');
    expect(deriveNames('class').javaPackage).toBe('com.example.classapp');
    expect(deriveNames('self').crateIdent).toBe('self_app');
    expect(deriveNames('http').npmName).toBe('http-app');
    expect(deriveNames('node_modules').npmName).toBe('node-modules');
  });

  it('refuses names that cannot be a folder, saying why', () => {
    const cases: [string, RegExp][] = [
      ['', /empty/],
      ['   ', /empty/],
      ['.', /not a project name/],
      ['..', /not a project name/],
      ['a/b', /path separator/],
      ['/abs', /path separator/],
      ['C:\\x', /path separator/],
      ['.hidden', /starts with a dot/],
      ['con', /reserved device name/],
      ['LPT1.txt', /reserved device name/],
      ['trailing.', /ends with a dot/],
      ['x'.repeat(101), /longer than 100/],
      ['tab\there', /not allowed/],
      ['日本語', /no Latin letter/],
      ['123', /no Latin letter/],
      ['🚀', /no Latin letter/],
    ];
    for (const [name, why] of cases) {
      expect(() => deriveNames(name), JSON.stringify(name)).toThrow(NameError);
      expect(() => deriveNames(name), JSON.stringify(name)).toThrow(why);
    }
  });

  it('trims the folder name and bounds derived names', () => {
    expect(validateFolderName('  api  ')).toBe('api');
    expect(deriveNames('a'.repeat(100)).slug.length).toBeLessThanOrEqual(50);
  });

  it('takes Go module and Java package overrides only when valid', () => {
    expect(deriveNames('api', { goModule: 'github.com/acme/api' }).goModule).toBe('github.com/acme/api');
    expect(deriveNames('api', { javaPackage: 'org.acme.billing' }).javaPackagePath).toBe('org/acme/billing');
    expect(() => deriveNames('api', { goModule: 'Bad Path' })).toThrow(/Go module path/);
    expect(() => deriveNames('api', { goModule: 'example.com/../x' })).toThrow(/Go module path/);
    expect(() => deriveNames('api', { javaPackage: 'org.acme.class' })).toThrow(/Java package/);
    expect(() => deriveNames('api', { javaPackage: 'Org.Acme' })).toThrow(/Java package/);
  });

  // The hostile suite finds these clashes by building the starters (minutes); this reads the templates (milliseconds),
  // so a dependency added to a template without its name reserved fails the unit tests too.
  it('never names a crate or Go module like a dependency the templates declare', () => {
    const template = (path: string) => fs.readFileSync(new URL(`../../templates/${path}`, import.meta.url), 'utf8');
    const cargo = template('axum/base/Cargo.toml.hbs');
    const crates = [...cargo.matchAll(/^\[(?:dev-)?dependencies\]\n((?:(?!\[).*\n)*)/gm)]
      .flatMap((m) => [...m[1]!.matchAll(/^([a-z][a-z0-9_-]*)\s*=/gm)].map((d) => d[1]!));
    expect(crates).toContain('utoipa-axum');
    for (const crate of crates) {
      expect(deriveNames(crate).crateIdent, crate).not.toBe(crate.replace(/-/g, '_'));
    }
    const goModFiles = ['gin/base', 'echo/base', 'gin/features/postgres/base', 'echo/features/postgres/base'].map((d) => template(`${d}/go.mod.hbs`));
    const modules = goModFiles.flatMap((text) => [...text.matchAll(/^\t(\S+) v\S+$/gm)].map((m) => m[1]!));
    expect(modules).toContain('github.com/swaggest/openapi-go');
    for (const module of new Set(modules)) {
      expect(() => deriveNames('api', { goModule: module }), module).toThrow(/module the starter depends on/);
    }
  });
});
