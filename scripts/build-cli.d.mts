export const outDir: string;
/** Builds out/cli/verdict.cjs and returns its code (saved when the folder is writable). */
export function buildCli(): Promise<string>;
