/**
 * The newer versions `npm run outdated` reports that the starters do not take, each with why (issue 21: bump what
 * is behind, or say why not). A line of the report that one of these matches is printed with its reason, so what is
 * left unmarked is what a bump should take. A hold goes when its reason does: re-check it at each bump.
 *
 * `line` is matched against the report's own lines, as each ecosystem's tool prints them (src/build/outdated.ts).
 */
import type { FrameworkId } from '../frameworks/types.js';

export interface Hold {
  frameworks: readonly FrameworkId[];
  line: RegExp;
  reason: string;
}

export const HELD_BACK: readonly Hold[] = [
  {
    frameworks: ['nestjs'],
    line: /^typescript: .*, 7\.\d+\.\d+ on npm$/,
    reason:
      "the Nest CLI's `nest build` compiles through TypeScript's compiler API, which TypeScript 7 (the native port) does not export: its main entry gives only its version",
  },
  {
    frameworks: ['fastify', 'nestjs'],
    line: /^@types\/node: .*, (?!24\.)\d+\.\d+\.\d+ on npm$/,
    reason: "the starters run on Node.js 24 (engines, the Dockerfile's image, Lambda's nodejs24.x): Node's types follow the runtime's major",
  },
  {
    frameworks: ['django'],
    line: /^django[>=<,.\d]*: 6\.\d+\.\d+ on PyPI$/,
    reason: 'Django 6 needs Python 3.12 and the starters support 3.11; 5.2 is the LTS line, with security fixes until April 2028',
  },
  {
    frameworks: ['axum'],
    line: /^Unchanged sqlx v0\.8\.\d+ \(available: v0\.9\.\d+, requires Rust 1\.94/,
    reason: "sqlx 0.9 needs Rust 1.94, above the crate's rust-version (src/frameworks/toolchains.ts)",
  },
  {
    frameworks: ['axum'],
    line: /^Unchanged matchit v0\.8\.\d+ /,
    reason: 'axum pins it (matchit = "=0.8.4"): it moves with axum',
  },
  {
    frameworks: ['axum'],
    line: /^Unchanged generic-array v0\.14\.\d+ /,
    reason: 'crypto-common 0.1.7 (under sqlx\'s checksums) pins it (generic-array = "=0.14.7")',
  },
  {
    frameworks: ['spring-boot'],
    line: / -> \d+\.\d+\.\d+-(M|RC)\d+$/,
    reason: 'a milestone or release candidate, not a release',
  },
  {
    frameworks: ['spring-boot'],
    line: /^org\.springframework\.boot:spring-boot-starter-[a-z-]+ 4\.0\.\d+ -> 4\.1\.\d+$/,
    reason:
      "Boot 4.1.2 manages Jackson 3.1.7, and jackson-module-afterburner 3.1.7 (which the Lambda adapter, aws-serverless-java-container-core 3.0.2, needs) is not on the registry this project's CI reaches; the starters move to 4.1 together, the parent first",
  },
  {
    frameworks: ['spring-boot'],
    line: /^(org\.flywaydb|org\.postgresql):/,
    reason: "the Boot parent manages its version (the pom names none): it moves with the parent",
  },
];

/** Why `line` of `framework`'s report is not taken, or undefined when it should be. */
export function heldBack(framework: FrameworkId, line: string): string | undefined {
  return HELD_BACK.find((hold) => hold.frameworks.includes(framework) && hold.line.test(line))?.reason;
}
