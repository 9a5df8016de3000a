// The one translation-function type of the code base: TranslationBundle.__ as plain code
// (models and validators) sees it, plus a fallback that fills `%1`-style arguments untranslated.

/** Translation function with `%1`-style arguments, as TranslationBundle.__. */
export type Translate = (msg: string, ...args: unknown[]) => string;

export const plainTranslate: Translate = (msg, ...args) =>
  msg.replace(/%(\d+)/g, (_, i) => String(args[Number(i) - 1]));
