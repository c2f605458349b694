// Focus after a refused save: the first field, top to bottom, that says it is invalid. A group of
// radio buttons or checkboxes is marked on its fieldset; focus goes to its chosen option, or its first.

/** Focuses the first invalid field inside `root`; false when there is none. */
export function focusFirstInvalid(root: ParentNode | null | undefined): boolean {
  const invalid = root?.querySelector<HTMLElement>('[aria-invalid="true"]');
  if (!invalid) return false;
  if (invalid.matches('input, select, textarea, button')) {
    invalid.focus();
    return true;
  }
  const option =
    invalid.querySelector<HTMLElement>('input:checked:not([disabled])') ??
    invalid.querySelector<HTMLElement>('input:not([disabled]), select:not([disabled]), textarea:not([disabled])');
  option?.focus();
  return option !== null;
}
