/**
 * `npm run outdated`: a report, per framework, of the starter's dependencies that have newer versions on their
 * registries than the starter ships (issue 21), asked of each ecosystem's own tool. It renders the starter whose
 * dependencies are the widest (serverless with every feature: the Lambda adapter and the database's packages are
 * on top of the base's) with the built CLI into a scratch folder and asks there. It changes nothing and its exit
 * code is 0 whatever it finds or fails to ask (CI runs it as a report, .ci/run): a bump is a change of its own,
 * tested, with `npm run locks -- --upgrade` for its lock. A newer version the starters do not take is marked with why
 * (src/build/held-back.ts), so an unmarked line is one to bump.
 *
 * `npm run outdated [-- --frameworks fastify,axum]`. Each tool is given OUTDATED_TIMEOUT_S seconds (default 180).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { offeredFeatures } from '../features/index.js';
import { frameworks } from '../frameworks/index.js';
import { heldBack } from './held-back.js';
import type { Ecosystem } from '../frameworks/types.js';
import { frameworksFlag, generateArgv, toolsPath } from './starter-scratch.js';

interface Reporter {
  /** What asks the registry, run in the project folder. */
  command: readonly string[];
  /** The lines of the report: one per dependency with a newer version. */
  lines(output: string, project: string): string[];
}

/**
 * A Python one-liner: each dependency of pyproject.toml (the runtime ones and the dependency groups', where the dev
 * tools are) with the newest version PyPI has, when the spec leaves it out.
 */
const PYPI_LATEST = `
import json, re, tomllib, urllib.request
doc = tomllib.load(open("pyproject.toml", "rb"))
groups = doc.get("dependency-groups", {})
for spec in doc["project"].get("dependencies", []) + [d for ds in groups.values() for d in ds if isinstance(d, str)]:
    name = re.match(r"[A-Za-z0-9._-]+", spec).group(0)
    latest = json.load(urllib.request.urlopen(f"https://pypi.org/pypi/{name}/json", timeout=30))["info"]["version"]
    if latest not in spec:
        print(f"{spec}: {latest} on PyPI")
`;

/** A Node script: each dependency of package.json whose newest version on npm is not the one the lock ships. */
const NPM_LATEST = `
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const pkg = JSON.parse(fs.readFileSync("package.json", "utf8"));
const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8"));
for (const [name, range] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies })) {
  const latest = execFileSync("npm", ["view", name, "version"], { encoding: "utf8" }).trim();
  const shipped = lock.packages["node_modules/" + name]?.version;
  if (shipped !== latest) console.log(name + ": ships " + shipped + " (" + range + "), " + latest + " on npm");
}
`;

const REPORTERS: Record<Ecosystem, Reporter> = {
  node: {
    // npm outdated leaves devDependencies out of a project with no node_modules: ask npm view for each instead.
    command: ['node', '-e', NPM_LATEST],
    lines: (output) => output.split('\n').filter((l) => l.trim() !== ''),
  },
  rust: {
    // What a resolve would change in the lock, and what it cannot reach ("available": a newer major, or one that
    // needs a newer Rust than the crate's rust-version).
    command: ['cargo', 'update', '--dry-run', '--verbose'],
    lines: (output) => output.split('\n').map((l) => l.trim()).filter((l) => /^(Updating|Unchanged|Upgrading) .*( -> |available)/.test(l)),
  },
  go: {
    command: ['go', 'list', '-m', '-u', '-f', '{{if and (not .Indirect) (not .Main) .Update}}{{.Path}}: ships {{.Version}}, {{.Update.Version}} on the Go proxy{{end}}', 'all'],
    lines: (output) => output.split('\n').filter((l) => l.trim() !== ''),
  },
  python: {
    command: ['python3', '-c', PYPI_LATEST],
    lines: (output) => output.split('\n').filter((l) => l.trim() !== ''),
  },
  jvm: {
    // The parent (Spring Boot, whose managed versions are the project's) and the dependencies the pom declares; not
    // the hundreds Boot manages that the project does not use.
    command: ['./mvnw', '-B', '-ntp', '-DprocessDependencyManagement=false', 'versions:display-parent-updates', 'versions:display-dependency-updates'],
    lines(output) {
      // The plugin wraps a long name: its versions ("1.0 -> 1.1") then come on the next line.
      const lines = output.split('\n').map((l) => l.replace(/^\[INFO\]\s*/, '').trim());
      return lines.flatMap((line, i) => {
        if (!line.includes(' -> ')) return [];
        const named = /^\S+:\S+/.test(line) ? line : `${lines[i - 1] ?? ''} ${line}`;
        return [named.replace(/\s*\.{2,}\s*/, ' ')];
      });
    },
  },
};

const args = process.argv.slice(2);
const only = frameworksFlag(args);
const timeout = Number(process.env.OUTDATED_TIMEOUT_S ?? 180) * 1000;
const env = { ...process.env, PATH: toolsPath(), npm_config_user_agent: undefined };

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cbf-outdated-'));
try {
  for (const framework of frameworks.filter((f) => !only || only.has(f.id))) {
    const deploy = framework.deployTargets.includes('serverless') ? 'serverless' : framework.deployTargets[0]!;
    const features = offeredFeatures(framework);
    const project = path.join(scratch, framework.id);
    const label = `${framework.id} (${[deploy, ...features].join(' + ')})`;
    const generated = spawnSync(process.execPath, generateArgv(project, { framework, deploy, features }), { env, encoding: 'utf8' });
    if (generated.status !== 0) {
      process.stdout.write(`${label}: could not generate it: ${generated.stderr.trim()}\n`);
      continue;
    }
    const reporter = REPORTERS[framework.ecosystem];
    const started = Date.now();
    const asked = spawnSync(reporter.command[0]!, reporter.command.slice(1), { cwd: project, env, encoding: 'utf8', timeout, maxBuffer: 64 * 1024 * 1024 });
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    const output = `${asked.stdout ?? ''}\n${asked.stderr ?? ''}`;
    let lines: string[];
    try {
      // Some tools exit non-zero when they find something: the output, not the exit code, is the answer.
      if (asked.error) throw asked.error;
      lines = reporter.lines(output, project);
    } catch (error) {
      process.stdout.write(`${label}: ${reporter.command.slice(0, 3).join(' ')} gave no answer in ${seconds} s: ${(error as Error).message.split('\n')[0]}\n`);
      continue;
    }
    const marked = lines.map((line) => ({ line, held: heldBack(framework.id, line) }));
    const heldCount = marked.filter((m) => m.held).length;
    const count = lines.length === 0 ? 'nothing newer' : `${lines.length} newer${heldCount ? `, ${heldCount} held back` : ''}`;
    process.stdout.write(`${label}: ${count} (${reporter.command.slice(0, 2).join(' ')}, ${seconds} s)\n`);
    for (const { line, held } of marked) process.stdout.write(`  ${line}${held ? `\n    held back: ${held}` : ''}\n`);
  }
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
