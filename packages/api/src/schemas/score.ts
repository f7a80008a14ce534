import { Type } from 'typebox';
import { LEVEL_PATTERN } from '../vintages/levels.ts';
import { OpenObjectSchema } from './common.ts';

const Section = (description: string) => Type.Object({}, { additionalProperties: true, description });

/**
 * The engine's ScoreConfig (packages/engine/src/composite/types.ts): every part optional,
 * merged over the engine's defaults. The top level is checked here (unknown fields refused);
 * the inside of each part is checked by the engine (`validateScoreConfig`), which locates every
 * problem (`methods.weighting.ahp.dimensions.matrix[1][0]`).
 */
export const ScoreConfigSchema = Type.Object(
  {
    level: Type.Optional(
      Type.String({
        pattern: `${LEVEL_PATTERN}`,
        description: '`commune` (défaut), un niveau de zonage, ou `groups`',
      }),
    ),
    groups: Type.Optional(
      Type.Array(OpenObjectSchema, { maxItems: 10_000, description: 'Groupes de communes (level: groups)' }),
    ),
    framework: Type.Optional(Section('Cadre complet (défaut : le cadre PTCE du moteur)')),
    changes: Type.Optional(Section('Modifications du cadre (poids, indicateurs retirés ou ajoutés)')),
    methods: Type.Optional(
      Section('screening, imputation, outliers, normalisation, weighting (dont AHP), aggregation'),
    ),
    filters: Type.Optional(Section('minPopulation, maxPopulation, departements')),
    explain: Type.Optional(Section('strengths : nombre de forces et faiblesses listées')),
  },
  { additionalProperties: false },
);

export const ScoreResultSchema = Type.Object(
  { hash: Type.String({ description: 'Empreinte de (millésime, configuration)' }) },
  { additionalProperties: true, description: 'ScoreResult du moteur : classement expliqué' },
);
