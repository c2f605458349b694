// A wizard problem as text in the UI's language.
import { secretLabel } from '../checks';
import { errorText } from '../errors';
import type { Problem } from './problems.svelte';

export function problemText(p: Problem): string {
  switch (p.kind) {
    case 'error':
      return errorText(p.error);
    case 'no_numbers':
      return 'Add at least one WhatsApp number to continue.';
    case 'secret_required':
      return `${secretLabel(p.method)} is required to continue. The rest of this page is saved in the draft.`;
  }
}
