export * from './string-table.js';
export * from './string-table-loader.js';
export * from './po-parser.js';
export * from './po-escapes.js';
export * from './language-folders.js';
