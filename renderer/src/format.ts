// Numbers as the screens show them.
export const fixed = (n: number | null | undefined, digits = 2) => (n === null || n === undefined ? '—' : n.toFixed(digits));
export const percent = (w: number) => `${Number((w * 100).toFixed(1))} %`;
