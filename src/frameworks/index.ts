import type { FrameworkId, FrameworkRecord } from './types.js';
import { fastify } from './fastify.js';
import { nestjs } from './nestjs.js';
import { fastapi } from './fastapi.js';
import { django } from './django.js';
import { gin } from './gin.js';
import { echo } from './echo.js';
import { axum } from './axum.js';
import { springBoot } from './spring-boot.js';

/** Every framework the article weighs, in the article's table order (also the tie-break order of the ranking). */
export const frameworks: readonly FrameworkRecord[] = [nestjs, fastify, fastapi, django, gin, echo, axum, springBoot];

const byId = new Map<FrameworkId, FrameworkRecord>(frameworks.map((f) => [f.id, f]));

export function getFramework(id: FrameworkId): FrameworkRecord {
  const record = byId.get(id);
  if (!record) throw new Error(`unknown framework ${id}`);
  return record;
}

export * from './types.js';
