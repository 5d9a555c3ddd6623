export function findElectron(options?: { timeout?: number }): string | null;
