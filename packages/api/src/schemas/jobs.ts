import { Type } from 'typebox';
import { JOB_KINDS } from '../jobs/kinds.ts';
import { ErrorSchema, ID_PATTERN, VINTAGE_ID_PATTERN } from './common.ts';

export const JobKindParams = Type.Object({
  vid: Type.String({ pattern: VINTAGE_ID_PATTERN }),
  kind: Type.Union([Type.Literal('robustness'), Type.Literal('spatial'), Type.Literal('candidates')], {
    description: JOB_KINDS.join(', '),
  }),
});

export const JobIdParams = Type.Object({ id: Type.String({ pattern: ID_PATTERN }) });

export const JobAcceptedSchema = Type.Object({ jobId: Type.String() });

export const JobSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  vintageId: Type.String(),
  status: Type.Union([
    Type.Literal('queued'),
    Type.Literal('running'),
    Type.Literal('succeeded'),
    Type.Literal('failed'),
    Type.Literal('cancelled'),
  ]),
  progress: Type.Number({ minimum: 0, maximum: 1 }),
  createdAt: Type.String(),
  startedAt: Type.Union([Type.String(), Type.Null()]),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
  result: Type.Optional(Type.Unknown()),
  error: Type.Optional(ErrorSchema),
});

export const RunEstimateSchema = Type.Object({
  analysis: Type.Union([Type.Literal('monteCarlo'), Type.Literal('sobol'), Type.Literal('redundancy')]),
  runs: Type.Integer({ description: 'Re-scorings the analysis will do' }),
  factors: Type.Integer(),
  fullScorings: Type.Integer({ description: 'Upper bound on the runs through the whole scoring core' }),
  message: Type.String(),
});
