/** The decision in words, for a terminal: what was picked and by whom, why, ties, and a line for every framework. */
import type { Decision } from './decide.js';

/** A reason without its quote, for the one-line-per-framework ranking (the quotes are in the lines above it). */
export const withoutQuote = (line: string) => line.replace(/: ".*" \[([\w-]+)\]$/, ' [$1]');

export function formatDecision(decision: Decision): string {
  const chosen = decision.ranking.find((r) => r.framework === decision.framework)!;
  const why =
    decision.chosenBy === 'override'
      ? [`Why: you chose it (--framework ${chosen.framework}).`, ...(chosen.reasons.length ? ["What the article's rules say of it:", ...chosen.reasons.map((r) => `  ${r}`)] : [])]
      : chosen.reasons.length
        ? ['Why:', ...chosen.reasons.map((r) => `  ${r}`)]
        : [`Why: ${chosen.against[0]}.`];
  const lines = [
    `${decision.chosenBy === 'override' ? 'Chosen' : 'Recommended'}: ${chosen.name} (${decision.sweetSpot})`,
    ...why,
    ...(decision.tie && decision.chosenBy === 'rules' ? [`Tie: ${decision.tie.text}`] : []),
    `Watch out for: ${decision.watchOutFor}`,
    ...decision.warnings.map((w) => `Warning [${w.rule}]: ${w.text}`),
    ...decision.notes.map((n) => `Note [${n.rule}]: "${n.text}"`),
    'Ranking (for and against each):',
    ...decision.ranking.flatMap((r, i) => [
      `  ${i + 1}. ${r.name.padEnd(12)} ${String(r.score).padStart(4)}`,
      ...[...r.reasons, ...r.against].map((line) => `       ${withoutQuote(line)}`),
    ]),
  ];
  return `${lines.join('\n')}\n`;
}
