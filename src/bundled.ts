/** Replaced with `true` by the bundler (package.json's build); undefined when src/ runs directly, as under vitest. */
declare const CBF_BUNDLED: boolean | undefined;

/** Whether this is the built bundle, which ships precompiled templates and a separate Handlebars compiler. */
export const BUNDLED = typeof CBF_BUNDLED !== 'undefined' && CBF_BUNDLED;
