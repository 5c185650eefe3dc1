import type { Catalog, MessageKey } from './vi';

export type MessageParams = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: MessageParams) => string;

/** Looks a key up in a catalog and fills its `{name}` placeholders. */
export function translator(catalog: Catalog): Translate {
  return (key, params) =>
    catalog[key].replace(/\{(\w+)\}/g, (whole, name: string) => (params && name in params ? String(params[name]) : whole));
}
