/**
 * The lines of a method body a class's shape can depend on (classShapes.ts fingerprints): assignments to `this.x`
 * or `Class.x`, returns and declarations — each from the start of its line, so that what an edit puts before one
 * (`x    this.client = …`, which no longer parses as an assignment) changes the fingerprint too.
 */
export function relevantLines(body: string, className: string): string[] {
  const out: string[] = [];
  for (const m of body.matchAll(relevantLinesPattern(className))) out.push(body.slice(body.lastIndexOf('\n', m.index) + 1, m.index + m[0].length));
  return out;
}

function relevantLinesPattern(className: string): RegExp {
  return new RegExp(`(?:\\bthis|(?<![\\w$.])${className.replace(/\$/g, '\\$')})\\s*\\.\\s*[\\w$]+\\s*=(?!=)[^;\\n]*|\\b(?:return|const|let|var)\\b[^;\\n]*`, 'g');
}
