/**
 * Function calls with their parameters passed as aliases: `Name(a=@p1,b=@p2)?@p1=…&@p2=…`, which
 * keeps values out of the path. Each value is an OData literal from {@link literal} (strings are
 * always quoted), percent-encoded by {@link encodeQueryValue}.
 * https://learn.microsoft.com/power-apps/developer/data-platform/webapi/use-web-api-functions#passing-parameters-to-a-function
 */
import { InvalidArgumentError } from '../../errors';
import { encodeQueryValue } from './encode';
import { literal, type FunctionParameterValue } from './literal';

// A parameter name goes into the URL unquoted, so it must be a plain identifier.
const PARAMETER_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The URL of a function call relative to the Web API root, e.g.
 * `functionUrl('RetrieveTotalRecordCount', { EntityNames: odataLiteral('["contact"]') })` →
 * `RetrieveTotalRecordCount(EntityNames=@p1)?@p1=%5B%22contact%22%5D`. `path` is the function's
 * name, or `<set>(<id>)/Microsoft.Dynamics.CRM.<name>` for a bound one.
 */
export function functionUrl(path: string, params: Record<string, FunctionParameterValue> = {}): string {
  const entries = Object.entries(params);
  const signature = entries
    .map(([name], index) => {
      if (!PARAMETER_NAME.test(name)) {
        throw new InvalidArgumentError(
          name,
          `"${name}" is not a function parameter name; use the name the function declares.`,
        );
      }
      return `${name}=@p${index + 1}`;
    })
    .join(',');
  const aliases = entries.map(
    ([name, value], index) => `@p${index + 1}=${encodeQueryValue(literal(value, name))}`,
  );
  return `${path}(${signature})${aliases.length ? `?${aliases.join('&')}` : ''}`;
}
