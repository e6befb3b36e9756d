/**
 * The HTTP `Retry-After` header (RFC 9110 §10.2.3): either a number of seconds or an HTTP date.
 */

/**
 * Milliseconds to wait according to `value`, or undefined when the header is absent or
 * unreadable. A date in the past means "now" (0). `now` is the clock in epoch milliseconds.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+$/.test(text)) {
    const seconds = Number(text);
    return Number.isSafeInteger(seconds) ? seconds * 1000 : undefined;
  }
  // Only something shaped like an HTTP date ("Wed, 21 Oct 2015 07:28:00 GMT"): Date.parse alone
  // would also accept "1.5" or "-3" as years.
  if (!/^[A-Za-z]{3},?\s/.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
