// The reliability tests' figures: one line each in the test output, gathered into docs/RELIABILITY.md.
export function report(test: string, figures: Record<string, number | string>): void {
  console.log(`[reliability] ${test}: ${Object.entries(figures).map(([k, v]) => `${k}=${v}`).join(' ')}`);
}
