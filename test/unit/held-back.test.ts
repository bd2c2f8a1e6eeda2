/**
 * The holds of `npm run outdated` (src/build/held-back.ts) against the report's own lines, as `npm run outdated`
 * printed them on 2026-12-02: each hold marks the lines it was written for, only in its frameworks, and leaves the
 * lines a bump should take unmarked.
 */
import { describe, expect, it } from 'vitest';
import { HELD_BACK, heldBack } from '../../src/build/held-back.js';
import type { FrameworkId } from '../../src/frameworks/types.js';

const HELD: readonly [FrameworkId, string][] = [
  ['nestjs', 'typescript: ships 6.0.3 (^6.0.2), 7.0.2 on npm'],
  ['nestjs', '@types/node: ships 24.19.4 (^24.19.2), 26.6.11 on npm'],
  ['fastify', '@types/node: ships 24.19.4 (^24.10.0), 26.6.11 on npm'],
  ['django', 'django>=5.2.19,<5.3: 6.1.3 on PyPI'],
  ['axum', 'Unchanged sqlx v0.8.6 (available: v0.9.0, requires Rust 1.94.0)'],
  ['axum', 'Unchanged matchit v0.8.4 (available: v0.8.6)'],
  ['axum', 'Unchanged generic-array v0.14.7 (available: v0.14.9)'],
  ['spring-boot', 'org.springframework.boot:spring-boot-starter-parent 4.0.7 -> 4.2.0-M1'],
  ['spring-boot', 'org.springframework.boot:spring-boot-maven-plugin 4.0.7 -> 4.2.0-M1'],
  ['spring-boot', 'org.springframework.boot:spring-boot-starter-parent 4.0.7 -> 4.1.2'],
  ['spring-boot', 'org.springframework.boot:spring-boot-starter-webmvc 4.0.7 -> 4.1.2'],
  ['spring-boot', 'org.springframework.boot:spring-boot-starter-webmvc-test 4.0.7 -> 4.1.2'],
  ['spring-boot', 'org.flywaydb:flyway-database-postgresql 11.14.1 -> 13.12.2'],
  ['spring-boot', 'org.postgresql:postgresql 42.7.11 -> 42.7.14'],
];

const TO_BUMP: readonly [FrameworkId, string][] = [
  // Fastify's type check runs TypeScript 7's own tsc: no compiler API is needed there.
  ['fastify', 'typescript: ships 6.0.3 (~6.0.3), 7.0.2 on npm'],
  ['nestjs', 'typescript: ships 5.9.3 (^5.9.3), 6.0.3 on npm'],
  ['nestjs', '@biomejs/biome: ships 2.6.8 (2.6.8), 2.6.9 on npm'],
  ['fastify', '@types/node: ships 24.19.4 (^24.10.0), 24.20.0 on npm'],
  ['fastapi', 'uvicorn>=0.54.0,<0.55: 0.55.0 on PyPI'],
  ['django', 'django>=5.2.19,<5.3: 5.2.20 on PyPI'],
  ['axum', 'Unchanged tokio v1.50.0 (available: v2.0.0)'],
  ['axum', 'Updating sqlx v0.8.6 -> v0.8.7'],
  ['spring-boot', 'org.springframework.boot:spring-boot-starter-webmvc 4.0.7 -> 4.0.9'],
  ['spring-boot', 'com.amazonaws.serverless:aws-serverless-java-container-springboot4 3.0.2 -> 3.0.3'],
  // A hold is its frameworks' only: the same words in another starter's report are to bump.
  ['gin', 'org.postgresql:postgresql 42.7.11 -> 42.7.14'],
  ['fastapi', 'django>=5.2.19,<5.3: 6.1.3 on PyPI'],
];

describe('npm run outdated: what the starters do not take, and why', () => {
  it.each(HELD)('%s: "%s" is held back, with a reason', (framework, line) => {
    expect(heldBack(framework, line)).toMatch(/\w{3,}.*\w{3,}/);
  });

  it.each(TO_BUMP)('%s: "%s" is left to bump', (framework, line) => {
    expect(heldBack(framework, line)).toBeUndefined();
  });

  it('every hold marks a line of the report it was written for (no hold outlives its line unnoticed here)', () => {
    const unused = HELD_BACK.filter((hold) => !HELD.some(([framework, line]) => hold.frameworks.includes(framework) && hold.line.test(line)));
    expect(unused).toEqual([]);
  });
});
