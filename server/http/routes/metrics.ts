// Scores for dashboards (from the rollups) and the drill-down list of answers behind them.
import {
  compareQuerySchema,
  compareResultSchema,
  scoreReportSchema,
  scoresQuerySchema,
  trendQuerySchema,
  trendSchema,
  type CompareQuery,
  type ScoresQuery,
  type TrendQuery,
} from '../../../contract/metrics.ts';
import { responseListQuerySchema, responsePageSchema, type ResponseListQuery } from '../../../contract/answers.ts';
import { scoreReport, scoreTrend } from '../../domain/signals/metrics.ts';
import { listResponses } from '../../domain/signals/response-list.ts';
import { compareGroups } from '../../domain/signals/score-comparison.ts';
import { defineRoute, type RouteDef } from '../route.ts';

const honesty =
  'Figures from fewer than 30 answers are `enoughData: false` with no value. Answers to invitations staff sent by hand are left out unless `includeHandPicked=true`. ' +
  'Days are UTC; `from` is included, `to` is not.';

export const metricsRoutes: RouteDef[] = [
  defineRoute<undefined, ScoresQuery>({
    method: 'get',
    path: '/api/v1/metrics/scores',
    tag: 'Metrics',
    summary: 'NPS, CSAT and CES with n, a 95 % interval and the response rate',
    description:
      `${honesty} With \`segment=plan\`, also one score per value of that customer attribute (as it was when each customer answered). ` +
      'Each figure carries `drillDown`: the GET /api/v1/responses query that lists exactly its answers.',
    access: 'agent',
    query: scoresQuerySchema,
    responses: { 200: { description: 'Scores per kind', schema: scoreReportSchema } },
    handle: async ({ query, principal, services }) => ({
      status: 200,
      body: await scoreReport(services.db, services.clock, principal.workspaceId, query),
    }),
  }),
  defineRoute<undefined, TrendQuery>({
    method: 'get',
    path: '/api/v1/metrics/trend',
    tag: 'Metrics',
    summary: 'A score by day, week or month, for everyone or per segment',
    description: `${honesty} Every period of the range is listed, empty ones with n = 0.`,
    access: 'agent',
    query: trendQuerySchema,
    responses: { 200: { description: 'One series per segment value, or one for everyone', schema: trendSchema } },
    handle: async ({ query, principal, services }) => ({
      status: 200,
      body: await scoreTrend(services.db, services.clock, principal.workspaceId, query),
    }),
  }),
  defineRoute<undefined, CompareQuery>({
    method: 'get',
    path: '/api/v1/metrics/compare',
    tag: 'Metrics',
    summary: 'Compare two periods or two segments: difference, z and significance',
    description:
      `${honesty} Two periods: \`a.from\`, \`a.to\`, \`b.from\`, \`b.to\` (they must not overlap). ` +
      'Two segments: `segment=plan&a=gold&b=basic` over `from`..`to`. Significant means |z| >= 1.96 (5 % level).',
    access: 'agent',
    query: compareQuerySchema,
    responses: { 200: { description: 'Both scores and the comparison', schema: compareResultSchema } },
    handle: async ({ query, principal, services }) => ({
      status: 200,
      body: await compareGroups(services.db, services.clock, principal.workspaceId, query),
    }),
  }),
  defineRoute<undefined, ResponseListQuery>({
    method: 'get',
    path: '/api/v1/responses',
    tag: 'Metrics',
    summary: 'The answers behind a figure, newest first',
    description:
      'Keyset-paginated: pass `nextCursor` as `cursor`. Filters combine; `segment=plan:gold` keeps answers given while the customer\u2019s plan was gold. ' +
      'Hand-picked answers are left out unless `includeHandPicked=true`. `from` is included, `to` is not.',
    access: 'agent',
    query: responseListQuerySchema,
    responses: { 200: { description: 'A page of answers', schema: responsePageSchema } },
    handle: async ({ query, principal, services }) => ({
      status: 200,
      body: await listResponses(services.db, principal.workspaceId, query),
    }),
  }),
];
