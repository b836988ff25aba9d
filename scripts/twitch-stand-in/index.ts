export * from './twitch-stand-in.js';
export { HELIX_CATALOGUE } from './helix-routes.js';
export { channelLogin, gameId, gameName } from './helix-data.js';
export { userIdFor } from './token-book.js';
