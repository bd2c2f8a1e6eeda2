/**
 * 6. The tool as `npm create` fetches it: packed and unpacked size, packages a cold `npm exec` downloads, and the
 * wall time of a cold `npm exec` (empty npm cache) to a generated project, beside create-vite measured the same way.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cleanEnv, fmt, freshDir, median, ms, now, PINNED, ratio, REPO, table } from './lib.mjs';

function pack(spec, cwd) {
  const [info] = JSON.parse(execFileSync('npm', ['pack', spec, '--json', '--pack-destination', cwd], { cwd, encoding: 'utf8', env: cleanEnv() }));
  return { file: path.join(cwd, info.filename), size: info.size, unpackedSize: info.unpackedSize, entries: info.entryCount };
}

/** A cold `npm exec`: empty cache, fresh folder; returns wall ms and how many packages npx installed. */
function coldExec(packageSpec, command, runDir) {
  const cache = path.join(runDir, 'cache');
  const t0 = now();
  const run = spawnSync('npm', ['exec', '--yes', `--package=${packageSpec}`, '--', ...command], {
    cwd: runDir,
    env: cleanEnv({ npm_config_cache: cache, npm_config_update_notifier: 'false' }),
    encoding: 'utf8',
  });
  const wall = now() - t0;
  if (run.status !== 0) throw new Error(`npm exec ${packageSpec} failed: ${run.stderr.slice(-800)}`);
  const npx = path.join(cache, '_npx');
  const installed = fs.existsSync(npx)
    ? fs.readdirSync(npx).flatMap((hash) => {
        const modules = path.join(npx, hash, 'node_modules');
        if (!fs.existsSync(modules)) return [];
        return fs.readdirSync(modules).flatMap((name) => (name.startsWith('@') ? fs.readdirSync(path.join(modules, name)).map((n) => `${name}/${n}`) : name.startsWith('.') ? [] : [name]));
      })
    : [];
  return { wall, packages: installed.length };
}

export async function packageFootprint({ runs = 3 } = {}) {
  const dir = freshDir('package');
  const ours = pack(REPO, dir);
  const vite = pack(`create-vite@${PINNED['create-vite']}`, dir);
  const measure = (spec, command) => Array.from({ length: runs }, (_, i) => coldExec(spec, command, freshDir('package', `${path.basename(spec)}-${i}`)));
  const oursRuns = measure(ours.file, ['create-backend-fit', 'app', '--framework', 'fastify', '--yes', '--no-install', '--no-git']);
  const viteRuns = measure(`create-vite@${PINNED['create-vite']}`, ['create-vite', 'app', '--template', 'react-ts', '--no-interactive', '--no-immediate']);
  const row = (name, p, r) => [name, fmt(p.size / 1024, 1), fmt(p.unpackedSize / 1024, 1), fmt(p.entries), fmt(r[0].packages), ms(median(r.map((x) => x.wall)))];
  table(
    `6. Install footprint and a cold npm exec (empty npm cache, median of ${runs})`,
    ['package', 'packed KiB', 'unpacked KiB', 'files', 'packages downloaded', 'cold npm exec ms'],
    [row('create-backend-fit (this tree, npm pack)', ours, oursRuns), row(`create-vite@${PINNED['create-vite']}`, vite, viteRuns)],
    [
      `cold npm exec: from spawning npm to a generated project; ours generates Fastify (--yes --no-install --no-git), create-vite react-ts.`,
      `ours/create-vite cold exec: ${ratio(median(oursRuns.map((x) => x.wall)), median(viteRuns.map((x) => x.wall)))}; ours is read from a local tarball, create-vite from the registry.`,
      `packages downloaded: what npm exec installed into its _npx cache folder.`,
    ],
  );
}
