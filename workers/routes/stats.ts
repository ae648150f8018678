// Statistics, rankings, bulletins and import routes. Filled by the statistics work.
import { Hono } from 'hono';
import type { AppEnv } from '../api/context';

export const statsRoutes = new Hono<AppEnv>();
