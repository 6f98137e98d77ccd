/** What a command may receive for "this paper": its id, or a tree node of kind 'paper'. */
export type PaperArgument = string | { readonly kind: 'paper'; readonly paper: { readonly id: string } };

export function paperIdOf(argument: unknown): string | undefined {
  if (typeof argument === 'string' && argument.trim()) return argument.trim();
  if (typeof argument === 'object' && argument !== null && (argument as { kind?: unknown }).kind === 'paper') {
    const id = (argument as { paper?: { id?: unknown } }).paper?.id;
    if (typeof id === 'string') return id;
  }
  return undefined;
}
