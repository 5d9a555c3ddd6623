export const outDir: string;
export function buildCli(): Promise<void>;
