export * from './settings-session.js';
export { openSettingsSession, USER_SETTINGS_FILE } from './settings-store.js';
export * from './settings-definitions.js';
export { loadSettingsDefinitions, type DefinitionsSource, type LoadDefinitionsOptions } from './definitions-cache.js';
export * from './setting-conditions.js';
export { checkValueText, formatCppNumber, valueKindOf, type ValueKind, type CheckedValue } from './setting-value.js';
export * from './settings-values.js';
