// Entry of dist/lazy/node-plop.mjs (see ../main.ts): what src/customize/plopfile.ts imports from node-plop, and the
// glob node-plop's addMany uses (tinyglobby), so its destinations can be computed the way node-plop computes them.
export { default } from 'node-plop';
export { globSync } from 'tinyglobby';
