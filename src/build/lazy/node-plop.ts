// Entry of dist/lazy/node-plop.mjs (see ../main.ts): what src/customize/plopfile.ts imports from node-plop.
export { default } from 'node-plop';
