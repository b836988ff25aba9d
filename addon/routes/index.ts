import type { Route } from '../router.js';
import { mainRoute } from './main.js';

/** Every mode this add-on serves. */
export const routes: Readonly<Record<string, Route>> = {
  main: mainRoute,
};
