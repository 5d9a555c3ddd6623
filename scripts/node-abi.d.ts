// node-abi ships no types; this is the one function Verdict uses.
declare module 'node-abi' {
  export function getAbi(target: string, runtime: 'node' | 'electron'): string;
}
