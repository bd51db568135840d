/** Server-side grading (pure). Multiple choice is all or nothing; fill-in ignores case and spaces. */
export type Given = string | boolean | string[];

const norm = (s: string) => s.replace(/\s+/g, '').toLowerCase();

export function isCorrect(type: string, key: unknown, given: Given | null | undefined): boolean {
  if (given === null || given === undefined) return false;
  const k = Array.isArray(key) ? key : [];
  switch (type) {
    case 'single':
      return typeof given === 'string' ? k.length === 1 && k[0] === given : Array.isArray(given) && given.length === 1 && k[0] === given[0];
    case 'multiple': {
      const g = Array.isArray(given) ? given : typeof given === 'string' ? given.split('') : [];
      return g.length === k.length && new Set(g).size === g.length && g.every((x) => k.includes(x));
    }
    case 'true_false':
      return typeof given === 'boolean' && k[0] === given;
    case 'fill':
      return typeof given === 'string' && k.some((accepted) => typeof accepted === 'string' && norm(accepted) === norm(given));
    default:
      return false;
  }
}

/** Does the given answer have the shape the question type expects? */
export function answerFits(type: string, given: Given, optionKeys: string[]): boolean {
  switch (type) {
    case 'single':
      return typeof given === 'string' && optionKeys.includes(given);
    case 'multiple':
      return Array.isArray(given) && given.every((g) => optionKeys.includes(g));
    case 'true_false':
      return typeof given === 'boolean';
    case 'fill':
      return typeof given === 'string';
    default:
      return false;
  }
}
