export * from './settings-session.js';
export { openSettingsSession } from './minimal-settings.js';
