/**
 * The only way this page creates elements. Text goes in with `textContent` and attributes with
 * `setAttribute`, so a server string can never become markup: there is no innerHTML here.
 */
export interface ElementOptions {
  className?: string;
  text?: string;
  title?: string;
  attrs?: Record<string, string>;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, options: ElementOptions = {}, children: (Node | null | undefined)[] = []): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (options.className) node.className = options.className;
  if (options.text !== undefined) node.textContent = options.text;
  if (options.title !== undefined) node.setAttribute('title', options.title);
  for (const [name, value] of Object.entries(options.attrs ?? {})) node.setAttribute(name, value);
  for (const child of children) if (child) node.append(child);
  return node;
}

export function button(text: string, onClick: () => void, options: ElementOptions = {}): HTMLButtonElement {
  const node = el('button', { ...options, text, attrs: { type: 'button', ...options.attrs } });
  node.addEventListener('click', onClick);
  return node;
}

/** Replaces the children of `parent` (cheaper and safer than assigning markup). */
export function replaceChildren(parent: Element, children: (Node | null | undefined)[]): void {
  parent.replaceChildren(...children.filter((c): c is Node => Boolean(c)));
}
