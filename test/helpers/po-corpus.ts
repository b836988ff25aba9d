import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The original add-on's 77 translations, when the shared corpus sits beside the repository. */
export const corpusLanguageRoot = path.resolve(repoRoot, '../shared/corpus/plugin.video.twitch/3.0.3/language');

export const hasCorpus = fs.existsSync(corpusLanguageRoot);
