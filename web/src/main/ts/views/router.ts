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
