import apiAuth from './api/auth.ts';
import frameworks from './api/frameworks.ts';
import geo from './api/geo.ts';
import jobs from './api/jobs.ts';
import scenarios from './api/scenarios.ts';
import score from './api/score.ts';
import shortlists from './api/shortlists.ts';
import status from './api/status.ts';
import territories from './api/territories.ts';
import vintages from './api/vintages.ts';
import health from './health.ts';

/** Routes at the root (`/health`, `/ready`). */
export const rootRoutes = [health];

/** Routes under `/api`. */
export const apiRoutes = [
  apiAuth,
  vintages,
  geo,
  territories,
  frameworks,
  score,
  jobs,
  scenarios,
  shortlists,
  status,
];
