// A wizard problem as text in the UI's language.
import { secretLabel } from '../checks';
import { errorText } from '../errors';
import { m } from '../paraglide/messages';
import type { Problem } from './problems.svelte';

export function problemText(p: Problem): string {
  switch (p.kind) {
    case 'error':
      return errorText(p.error);
    case 'no_numbers':
      return m.wizard_problem_no_numbers();
    case 'secret_required':
      return m.wizard_problem_secret_required({ secret: secretLabel(p.method) });
  }
}
