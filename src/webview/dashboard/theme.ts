/**
 * Chart colours from VS Code's theme variables, which VS Code sets on the page and updates when the
 * user switches theme (light, dark, high contrast). Canvas drawing cannot use `var(--…)`, so the
 * values are read here and the charts are rebuilt when they change.
 */
export interface ChartTheme {
  foreground: string;
  grid: string;
  font: string;
  series: string[];
  highContrast: boolean;
}

const SERIES_VARIABLES: [string, string][] = [
  ['--vscode-charts-blue', '#3794ff'],
  ['--vscode-charts-orange', '#d18616'],
  ['--vscode-charts-green', '#89d185'],
  ['--vscode-charts-purple', '#b180d7'],
  ['--vscode-charts-red', '#f14c4c'],
  ['--vscode-charts-yellow', '#cca700'],
];

export function readChartTheme(): ChartTheme {
  const style = getComputedStyle(document.documentElement);
  const read = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  const highContrast = document.body.classList.contains('vscode-high-contrast') || document.body.classList.contains('vscode-high-contrast-light');
  const foreground = read('--vscode-editor-foreground', read('--vscode-foreground', '#cccccc'));
  const fontFamily = read('--vscode-font-family', 'system-ui, sans-serif');
  const fontSize = read('--vscode-font-size', '13px');
  return {
    foreground,
    // High-contrast themes want strong lines; elsewhere a faint grid keeps the data in front.
    grid: highContrast ? read('--vscode-contrastBorder', foreground) : read('--vscode-charts-lines', withAlpha(foreground, 0.15)),
    font: `${fontSize} ${fontFamily}`,
    series: SERIES_VARIABLES.map(([name, fallback]) => read(name, fallback)),
    highContrast,
  };
}

/** `#rrggbb` (or `#rgb`) with an alpha; other colour syntaxes are returned unchanged. */
export function withAlpha(color: string, alpha: number): string {
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(color);
  const long = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/i.exec(color);
  const hex = short ? short.slice(1).map((c) => c + c) : long ? long.slice(1) : undefined;
  if (!hex) return color;
  const [r, g, b] = hex.map((h) => parseInt(h, 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

/** Calls `onChange` when VS Code switches theme (it rewrites the body class and the variables). */
export function watchTheme(onChange: () => void): void {
  let last = JSON.stringify(readChartTheme());
  const check = (): void => {
    const next = JSON.stringify(readChartTheme());
    if (next !== last) {
      last = next;
      onChange();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
}
