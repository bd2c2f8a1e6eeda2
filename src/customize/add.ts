/**
 * `add database postgres`: `update` with one more answer. The record's answers gain the feature's, and the same
 * three-way merge as `update` (pristine render, today's render with the feature, the user's files) brings the
 * feature's files and lines in, so an edited project keeps every edit and a clash is a git conflict.
 */
import { CliError, usageError } from '../errors.js';
import { features, unofferedFeature } from '../features/index.js';
import type { FeatureRecord } from '../features/types.js';
import { getFramework } from '../frameworks/index.js';
import type { FrameworkId } from '../frameworks/types.js';
import type { GenerationRecord } from '../plan/record.js';

/** The record with the feature's answer added; a usage error when it is already there or the framework lacks it. */
export function recordWithFeature(record: GenerationRecord, answer: FeatureRecord['answer']): GenerationRecord {
  const feature = features.find((f) => f.answer.key === answer.key && f.answer.value === answer.value);
  if (!feature) throw usageError(`No feature is selected by ${answer.key} ${answer.value}.`);
  const frameworkId = record.answers.framework as FrameworkId | undefined;
  if (!frameworkId) throw new CliError('write', 'The project record names no framework.');
  const current = record.answers[answer.key];
  if (current === answer.value) throw usageError(`The project already has ${feature.name} (${answer.key}: ${answer.value} in its record).`);
  if (current !== undefined && current !== 'none') {
    throw usageError(`The project already has ${answer.key} ${current}; ${feature.name} would replace it, which add does not do.`);
  }
  const next: GenerationRecord = { ...record, answers: { ...record.answers, [answer.key]: answer.value } };
  const unoffered = unofferedFeature(getFramework(frameworkId), next.answers);
  if (unoffered) throw usageError(unoffered);
  return next;
}
