import type { FrameworkRecord } from '../frameworks/types.js';
import { postgres } from './postgres.js';
import type { Database, FeatureId, FeatureRecord } from './types.js';

export const features: readonly FeatureRecord[] = [postgres];

const byId = new Map<FeatureId, FeatureRecord>(features.map((f) => [f.id, f]));

export function getFeature(id: FeatureId): FeatureRecord {
  const record = byId.get(id);
  if (!record) throw new Error(`unknown feature ${id}`);
  return record;
}

/** The answers that select features, as they are recorded. */
export interface FeatureAnswers {
  database?: Database;
}

/** The features a set of answers selects, in the order of `features` (the order their layers apply in). */
export function chosenFeatures(answers: FeatureAnswers): FeatureId[] {
  return features.filter((f) => answers[f.answer.key] === f.answer.value).map((f) => f.id);
}

/** The features a framework has starters for. */
export const offeredFeatures = (framework: Pick<FrameworkRecord, 'features'>): FeatureId[] =>
  features.filter((f) => framework.features?.[f.id] !== undefined).map((f) => f.id);

/** Every subset of the offered features, the empty one first, in the features' own order: each combination a starter is generated in. */
export function featureSets(offered: readonly FeatureId[]): FeatureId[][] {
  return offered.reduce<FeatureId[][]>((sets, feature) => [...sets, ...sets.map((set) => [...set, feature])], [[]]);
}

/** Why a framework cannot take these answers' features, or undefined when it can. */
export function unofferedFeature(framework: Pick<FrameworkRecord, 'name' | 'features'>, answers: FeatureAnswers): string | undefined {
  const missing = chosenFeatures(answers).filter((id) => framework.features?.[id] === undefined);
  if (missing.length === 0) return undefined;
  const feature = getFeature(missing[0]!);
  return `${framework.name} has no ${feature.name} starter yet (--${feature.answer.key} ${feature.answer.value}).`;
}

/** `{ postgres: true }` for templates' `{{#if features.postgres}}`: every feature is named, chosen or not (strict mode). */
export function featureFlags(chosen: readonly FeatureId[]): Record<FeatureId, boolean> {
  return Object.fromEntries(features.map((f) => [f.id, chosen.includes(f.id)])) as Record<FeatureId, boolean>;
}

export * from './types.js';
