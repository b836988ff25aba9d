/** A plugin argument after coercion: `true`/`false` become booleans, `none` becomes null. */
export type ParamValue = string | boolean | null;
export type Params = Readonly<Record<string, ParamValue>>;

/** Parses `sys.argv[2]` (`?mode=x&a=b`); a repeated key keeps its last value, as a dict would. */
export function parsePluginQuery(query: string): Params {
  const params: Record<string, ParamValue> = {};
  const text = query.startsWith('?') ? query.slice(1) : query;
  if (!text) return params;
  for (const [key, raw] of new URLSearchParams(text)) {
    params[key] = coerce(raw);
  }
  return params;
}

function coerce(raw: string): ParamValue {
  switch (raw) {
    case 'true':
      return true;
    case 'false':
      return false;
    case 'none':
      return null;
    default:
      return raw;
  }
}

/** Builds `plugin://<id>/?mode=…&…`; `null`/`undefined` values are left out, booleans written as words. */
export function pluginUrl(base: string, params: Record<string, string | number | boolean | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined) continue;
    search.set(key, String(value));
  }
  const query = search.toString();
  return query ? `${base}?${query}` : base;
}
