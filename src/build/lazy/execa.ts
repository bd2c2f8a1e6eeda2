// Entry of dist/lazy/execa.mjs (see ../main.ts): what src/processes.ts imports from execa.
export { execa } from 'execa';
