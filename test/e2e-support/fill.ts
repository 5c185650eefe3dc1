/** A catalog text with its `{name}` placeholders filled, as the UI shows it. */
export const fill = (template: string, params: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k]));
