// @web/test-runner-visual-regression 0.10 points its types at './browser/commands.mjs', whose declarations are
// named commands.d.ts (not .d.mts), so TypeScript sees no exports. The one function the screenshot tests use:
export {};
declare module '@web/test-runner-visual-regression' {
  /** Screenshots `element` and compares it with the baseline `name` (or writes it, with --update-visual-baseline). */
  export function visualDiff(element: Node, name: string): Promise<void>;
}
