import { createRobustnessModel } from '../robustness/createRobustnessModel.ts';
import { runMonteCarlo } from '../robustness/runMonteCarlo.ts';
import type { RunControl } from '../robustness/types.ts';
import type { Vintage } from '../vintage/types.ts';
import type { CandidateZoneProposal, RankIntervalSummary } from './proposeCandidateZones.ts';

export interface RankIntervalOptions extends RunControl {
  /** Monte-Carlo replicates. Default 1,000. */
  replicates?: number;
  /** k of "staying in the top k". Default 5. */
  topK?: number;
  seed?: number;
}

/**
 * Gives every candidate zone and compared unit of a proposal its rank interval: the composite
 * scoring of all the groups (zones and units together, as in the proposal) is re-run under the
 * robustness module's perturbations (weights, normalisation, aggregation, imputation, one
 * indicator left out — `runMonteCarlo`), and each group gets the 5th-95th percentile of its rank
 * and its probability of staying in the top k. Returns a new proposal.
 *
 * Complexity: `replicates` re-aggregations of (groups × indicators).
 *
 * @throws {EngineError} every code of `createRobustnessModel` and `runMonteCarlo` (`ABORTED`).
 * @example (await addRankIntervals(vintage, proposal, { replicates: 500 })).candidates[0].rankInterval // { p05: 1, p95: 4, … }
 */
export async function addRankIntervals(
  vintage: Vintage,
  proposal: CandidateZoneProposal,
  options: RankIntervalOptions = {},
): Promise<CandidateZoneProposal> {
  if (proposal.groups.length === 0) return proposal;
  const replicates = options.replicates ?? 1000;
  const topK = options.topK ?? 5;
  const seed = options.seed ?? 1;
  const model = createRobustnessModel(vintage, {
    ...proposal.config,
    level: 'groups',
    groups: proposal.groups,
    explain: { detail: 'ranking' },
  });
  const mc = await runMonteCarlo(model, { ...options, replicates, topK, seed });
  const byGroup = new Map<string, RankIntervalSummary>(
    mc.territories.map((t) => [t.code, { p05: t.p05, p95: t.p95, medianRank: t.medianRank, pTopK: t.pTopK }]),
  );
  return {
    ...proposal,
    candidates: proposal.candidates.map((c) => ({ ...c, rankInterval: byGroup.get(c.id) })),
    zonings: proposal.zonings.map((z) => ({
      ...z,
      units: z.units.map((u) => ({ ...u, rankInterval: byGroup.get(`${z.level}:${u.code}`) })),
    })),
    intervals: { replicates, topK, seed },
  };
}
