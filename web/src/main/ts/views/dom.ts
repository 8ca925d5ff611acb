/**
 * Building the page safely: every piece of text becomes a text node (never markup), links only ever point to
 * this app's paths or clean http(s) URLs, and no attribute can carry script. Nothing in the app sets innerHTML.
 */
export type Child = Node | string | number | null | undefined | false | Child[];

type Attributes = Record<string, string | number | boolean | undefined | null>;

const FORBIDDEN_ATTRIBUTE = /^(on|style$|srcdoc$|formaction$)/i;
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'xlink:href']);

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {},
  ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (FORBIDDEN_ATTRIBUTE.test(name)) {
      throw new Error(`attribute ${name} is not allowed`);
    }
    if (URL_ATTRIBUTES.has(name.toLowerCase()) && safeUrl(String(value)) === null && !isAppPath(String(value))) {
      throw new Error(`unsafe URL in ${name}`);
    }
    element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(parent, child);
    } else if (child instanceof Node) {
      parent.appendChild(child);
    } else {
      parent.appendChild(document.createTextNode(String(child)));
    }
  }
}

export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** A path of this app (`/jobs/…`), not a protocol-relative or absolute URL. */
export function isAppPath(value: string): boolean {
  return /^\/(?![/\\])/.test(value) || value.startsWith('#');
}

/**
 * The URL if it is a clean absolute http(s) URL without credentials; null otherwise. Persona texts and addresses
 * come from the user's own export and may hold anything (`javascript:`, markup, spreadsheet formulas).
 */
export function safeUrl(value: string): string | null {
  if (/[\s<>"'`\\]/.test(value)) {
    return null;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) {
    return null;
  }
  return url.href;
}

/** A link out of the app to a user-supplied address: inert text when the address is not a clean http(s) URL. */
export function externalLink(address: string, label: string): Node {
  const href = safeUrl(address);
  if (href === null) {
    return document.createTextNode(label);
  }
  return h('a', { href, rel: 'noopener noreferrer nofollow', target: '_blank', referrerpolicy: 'no-referrer' }, label,
    h('span', { class: 'visually-hidden' }, ' (opens in a new tab)'));
}
