/** Splits a Markdown file into its YAML front matter and body, keeping line numbers right. */
export interface FrontMatter {
  readonly yaml: string;
  /** Number of file lines before the YAML text (the opening `---`). */
  readonly yamlLineOffset: number;
  readonly body: string;
}

export function splitFrontMatter(text: string): FrontMatter | { line: number; message: string } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0]?.trim() !== '---') {
    return { line: 1, message: 'the file must start with a YAML front matter block opened by a line "---"' };
  }
  const close = lines.findIndex((line, index) => index > 0 && line.trim() === '---');
  if (close < 0) {
    return { line: 1, message: 'the front matter opened on line 1 is never closed by a line "---"' };
  }
  return {
    yaml: lines.slice(1, close).join('\n'),
    yamlLineOffset: 1,
    body: lines.slice(close + 1).join('\n').trim(),
  };
}
