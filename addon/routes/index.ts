import type { RouteTable } from '../router.js';

// Each route loads on first use, so the root menu does not pay for the Twitch client and the auth code.
/** Every mode this add-on serves. */
export const routes: RouteTable = {
  main: async () => (await import('./main.js')).mainRoute,
  device_login: async () => (await import('./device-login.js')).deviceLoginRoute,
  revoke_token: async () => (await import('./revoke-token.js')).revokeTokenRoute,
  update_token: async () => (await import('./update-token.js')).updateTokenRoute,
  settings: async () => (await import('./settings.js')).settingsRoute,
  following: async () => (await import('./following.js')).followingRoute,
  stream_list: async () => (await import('./browse.js')).streamListRoute,
  games: async () => (await import('./browse.js')).gamesRoute,
  game_streams: async () => (await import('./browse.js')).gameStreamsRoute,
  search: async () => (await import('./search.js')).searchRoute,
  new_search: async () => (await import('./search.js')).newSearchRoute,
  search_results: async () => (await import('./search.js')).searchResultsRoute,
};
