// Test helpers: run the default mode on one text and group values by type.
import { ALL_TYPES, extractIocs, IIocMatch } from '../index';

export function scan(text: string, types: string[] = [...ALL_TYPES]): IIocMatch[] {
  return extractIocs([text], { types });
}

export function byType(text: string, types?: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const m of scan(text, types)) {
    (out[m.type] ??= []).push(m.value);
  }
  for (const k of Object.keys(out)) {
    out[k] = [...new Set(out[k])].sort();
  }
  return out;
}

export function valuesOf(text: string, type: string): string[] {
  return byType(text)[type] ?? [];
}
