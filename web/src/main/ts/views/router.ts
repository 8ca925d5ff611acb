/** The app's routes: a path pattern with :named segments, matched in order. */
export interface Route<T> {
  pattern: string;
  value: T;
}

export interface Match<T> {
  value: T;
  parameters: Record<string, string>;
}

export function match<T>(routes: Route<T>[], path: string): Match<T> | null {
  const segments = path.split('/').filter(Boolean);
  for (const route of routes) {
    const expected = route.pattern.split('/').filter(Boolean);
    if (expected.length !== segments.length) {
      continue;
    }
    const parameters: Record<string, string> = {};
    let matches = true;
    for (let index = 0; index < expected.length; index++) {
      if (expected[index].startsWith(':')) {
        let value: string;
        try {
          value = decodeURIComponent(segments[index]);
        } catch {
          matches = false;
          break;
        }
        parameters[expected[index].slice(1)] = value;
      } else if (expected[index] !== segments[index]) {
        matches = false;
        break;
      }
    }
    if (matches) {
      return { value: route.value, parameters };
    }
  }
  return null;
}

/** The app's sections, in the order the navigation lists them. */
export const NAVIGATION = [
  { href: '/upload', label: 'Upload' },
  { href: '/personas/latest', label: 'Persona' },
  { href: '/history', label: 'History' },
  { href: '/notes', label: 'Notes' },
  { href: '/bookmarks', label: 'Bookmarks' },
  { href: '/files', label: 'Files' },
  { href: '/profile', label: 'Profile' },
] as const;

/**
 * The section a path belongs to, for the navigation to mark as current: a note or a bookmark is in its list's
 * section, any persona in Persona, the start page in Upload; null for pages of no section (a job).
 */
export function sectionOf(path: string): string | null {
  const first = `/${path.split('/').filter(Boolean)[0] ?? 'upload'}`;
  if (first === '/personas') {
    return '/personas/latest';
  }
  return NAVIGATION.some((entry) => entry.href === first) ? first : null;
}
