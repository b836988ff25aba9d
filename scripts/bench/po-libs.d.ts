// gettext-parser ships no typings; only the part the benchmark calls is declared.
declare module 'gettext-parser' {
  export interface GetTextTranslation {
    msgctxt?: string;
    msgid: string;
    msgstr: string[];
  }
  export interface GetTextTranslations {
    charset: string;
    headers: Record<string, string>;
    translations: Record<string, Record<string, GetTextTranslation>>;
  }
  export const po: {
    parse(input: Buffer | string, options?: { defaultCharset?: string; validation?: boolean }): GetTextTranslations;
  };
}
