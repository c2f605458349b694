// Where focus goes after a refused save: the field that says it is invalid. A group of radio
// buttons or checkboxes is marked on its fieldset; focus goes to its chosen option, or its first.
// The wizards find the field by id, the workstream page and its dialogs by `aria-invalid`.

/** The fields that take focus: enabled, not hidden. */
export const FIELDS = 'input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled])';

/**
 * Focuses `element` when it is a control itself; when it is a group, its chosen option, else its
 * first field, else the group itself (when that takes focus). Returns whether something inside took focus.
 */
export function focusField(element: HTMLElement): boolean {
  if (element.matches('input, select, textarea, button, a[href]')) {
    element.focus();
    return true;
  }
  const option = element.querySelector<HTMLElement>('input:checked:not([disabled])') ?? element.querySelector<HTMLElement>(FIELDS);
  (option ?? element).focus();
  return option !== null || document.activeElement === element;
}

/** Focuses the first invalid field inside `root`, top to bottom; false when there is none. */
export function focusFirstInvalid(root: ParentNode | null | undefined): boolean {
  const invalid = root?.querySelector<HTMLElement>('[aria-invalid="true"]');
  return invalid ? focusField(invalid) : false;
}
