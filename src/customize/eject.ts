/** `eject`: the built-in templates of one framework, copied as files to start a team's --templates folder from. */
import fs from 'node:fs';
import { getFramework } from '../frameworks/index.js';
import type { FrameworkId } from '../frameworks/types.js';
import { BUILTIN_TEMPLATES, collectTemplates, comparePaths } from '../plan/layers.js';
import type { PlannedFile } from '../plan/plan.js';

export function ejectFiles(framework: FrameworkId): PlannedFile[] {
  const files: PlannedFile[] = [];
  for (const dir of ['_shared', `_${getFramework(framework).ecosystem}`, framework]) {
    if (!fs.existsSync(`${BUILTIN_TEMPLATES}/${dir}`)) continue;
    for (const template of collectTemplates([`${BUILTIN_TEMPLATES}/${dir}`]).values()) {
      files.push({ path: `${dir}/${template.relPath}`, content: fs.readFileSync(template.absPath), mode: template.mode & 0o111 ? 0o755 : 0o644 });
    }
  }
  return files.sort((a, b) => comparePaths(a.path, b.path));
}
