/**
 * A list's page. The client types a list's answer as its JSON page or its CSV export (the same
 * route answers `format=csv` as text); the calls here never ask for CSV, so a string is a bug.
 */
export function jsonPage<T>(answer: T): Exclude<T, string> {
  if (typeof answer === 'string') throw new Error('a list answered CSV where JSON was asked for');
  return answer as Exclude<T, string>;
}
