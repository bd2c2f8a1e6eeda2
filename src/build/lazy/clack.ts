// Entry of dist/lazy/clack.mjs (see ../main.ts): the prompt library src/ask.ts imports.
export * from '@clack/prompts';
