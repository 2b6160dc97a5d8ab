/**
 * The test hook that makes the next matching request(s) fail with a Dataverse-shaped error
 * before the emulator processes them.
 */

/** One fault rule: which requests it hits and what they get. */
export interface FaultRule {
  /** HTTP method to match (any when omitted). */
  method?: string;
  /** Matched against the request path and query after the host (e.g. `/api/data/v9.2/contacts`). */
  path: RegExp;
  /** Only requests whose body contains this text. */
  bodyIncludes?: string;
  /** How many requests to fail; default 1. */
  times?: number;
  status: number;
  code: string;
  message: string;
}

/** Adds and clears fault rules. */
export interface FaultInjector {
  add(rule: FaultRule): void;
  clear(): void;
}

/** The core's fault injector: rules are consumed in the order they were added. */
export class FaultList implements FaultInjector {
  private rules: Array<FaultRule & { remaining: number }> = [];

  add(rule: FaultRule): void {
    this.rules.push({ ...rule, remaining: rule.times ?? 1 });
  }

  clear(): void {
    this.rules = [];
  }

  /** The rule a request hits (and uses up one of its times), or undefined. */
  take(method: string, pathAndQuery: string, body: string): FaultRule | undefined {
    const rule = this.rules.find(
      (r) =>
        r.remaining > 0 &&
        (!r.method || r.method.toUpperCase() === method.toUpperCase()) &&
        r.path.test(pathAndQuery) &&
        (r.bodyIncludes === undefined || body.includes(r.bodyIncludes)),
    );
    if (!rule) return undefined;
    rule.remaining--;
    if (rule.remaining === 0) this.rules = this.rules.filter((r) => r !== rule);
    return rule;
  }
}
