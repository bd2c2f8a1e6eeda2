/**
 * Everything the commands run after the decision, behind one lazy import. The bundle turns each lazily imported
 * module into its own file, and each file costs Node's module loader a few milliseconds to resolve, read and link:
 * the generation path loads this one instead of seven. Prompts (ask.ts), execa (processes.ts) and node-plop stay
 * behind imports of their own, loaded only when a run needs them.
 */
export { bootstrap } from './bootstrap.js';
export { ejectFiles } from './customize/eject.js';
export { findPlopfile, loadPlopfile } from './customize/plopfile.js';
export { readGenerationRecord, updateProject } from './customize/update.js';
export { commandsFor, GIT_INIT_COMMANDS } from './plan/commands.js';
export { TemplateError } from './plan/layers.js';
export { deriveNames, NameError } from './plan/names.js';
export { plan } from './plan/plan.js';
export { removePendingTempDirs, writePlan } from './write.js';
