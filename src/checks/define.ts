import type { Facts } from '../facts.js';
import type { Config, Finding, Mode } from '../types.js';
import type { VersionInfo } from '../version/derive.js';

export interface CheckContext {
  facts: Facts;
  config: Config;
  version: VersionInfo;
}

export interface Check {
  id: string;
  modes: readonly Mode[];
  run(context: CheckContext): Finding[];
}

/** Identity function that exists for inference and to keep every check the same shape. */
export function defineCheck(check: Check): Check {
  return check;
}

export const MAX_LISTED = 10;

/** "a, b, c and 7 more" for messages; the JSON report carries the full list. */
export function listSome(items: readonly string[], max = MAX_LISTED): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
