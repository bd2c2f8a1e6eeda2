import type { DecisionInputs } from '../answers.js';
import { frameworks as catalog } from '../frameworks/index.js';
import type { FrameworkId, FrameworkRecord } from '../frameworks/types.js';
import { noteRules, overrideWarnings, scoringRules } from './rules.js';

export interface RankedFramework {
  framework: FrameworkId;
  name: string;
  score: number;
  /** One line per rule that moved this framework's score, quoting the article and citing the rule id. */
  reasons: string[];
}

export interface Citation {
  rule: string;
  text: string;
}

export interface Decision {
  framework: FrameworkId;
  /** `rules` when the ranking picked it, `override` when the user did with --framework. */
  chosenBy: 'rules' | 'override';
  ranking: RankedFramework[];
  /** The article's "watch out for" note of the chosen framework. */
  watchOutFor: string;
  sweetSpot: string;
  /** Where the user's override goes against the article. */
  warnings: Citation[];
  /** The article's remarks on the answers as a whole. */
  notes: Citation[];
}

const reasonLine = (because: string, points: number, quote: string, id: string) =>
  `${points > 0 ? '+' : ''}${points} ${because}: "${quote}" [${id}]`;

/** Ranks every framework by the article's rules. Pure: same inputs, same decision. */
export function decide(inputs: DecisionInputs, frameworks: readonly FrameworkRecord[] = catalog): Decision {
  const rows = new Map<FrameworkId, RankedFramework>(
    frameworks.map((f) => [f.id, { framework: f.id, name: f.name, score: 0, reasons: [] }]),
  );

  for (const rule of scoringRules(frameworks)) {
    if (!rule.when(inputs)) continue;
    const because = rule.because(inputs);
    for (const [id, points] of Object.entries(rule.scores(inputs)) as [FrameworkId, number][]) {
      const row = rows.get(id);
      if (!row || points === 0) continue;
      row.score += points;
      row.reasons.push(reasonLine(because, points, rule.quote, rule.id));
    }
  }

  // Stable sort: ties keep the article's table order.
  const ranking = [...rows.values()].sort((a, b) => b.score - a.score);
  const recommended = frameworks.find((f) => f.id === ranking[0]!.framework)!;
  const chosen = inputs.framework ? frameworks.find((f) => f.id === inputs.framework) : recommended;
  if (!chosen) throw new Error(`unknown framework ${inputs.framework}`);

  const scores = Object.fromEntries(ranking.map((r) => [r.framework, r.score])) as Record<FrameworkId, number>;
  const context = { inputs, chosen, recommended, scores };
  const warnings = inputs.framework
    ? overrideWarnings.filter((w) => w.when(context)).map((w) => ({ rule: w.id, text: `${w.message(context)} "${w.quote}"` }))
    : [];
  const notes = noteRules.filter((n) => n.when(inputs)).map((n) => ({ rule: n.id, text: n.quote }));

  return {
    framework: chosen.id,
    chosenBy: inputs.framework ? 'override' : 'rules',
    ranking,
    watchOutFor: chosen.watchOutFor,
    sweetSpot: chosen.sweetSpot,
    warnings,
    notes,
  };
}

/**
 * The decision for a recorded project (replay, update): its framework is fixed, but it counts as the rules' pick
 * whenever today's rules still pick it, so a regenerated README does not claim the user overrode them.
 */
export function decideRecorded(inputs: DecisionInputs, framework: FrameworkId): Decision {
  const byRules = decide({ ...inputs, framework: undefined });
  return byRules.framework === framework ? byRules : decide({ ...inputs, framework });
}

/** The shape `recommend --json` prints. */
export function decisionJson(decision: Decision) {
  return {
    framework: decision.framework,
    chosenBy: decision.chosenBy,
    ranking: decision.ranking.map(({ framework, score, reasons }) => ({ framework, score, reasons })),
    watchOutFor: decision.watchOutFor,
    warnings: decision.warnings,
    notes: decision.notes,
  };
}
