/** Whether the element takes typed text (where a scroll would pull the user away). */
function takesText(element: Element): boolean {
  return (
    element instanceof HTMLTextAreaElement ||
    (element instanceof HTMLInputElement &&
      !['button', 'checkbox', 'radio', 'submit'].includes(element.type)) ||
    (element instanceof HTMLElement && element.isContentEditable)
  );
}

/**
 * Scrolls the field with DOM id `id` (or its section, `<id>-section`, e.g. a
 * Markdown field showing its preview) into view, and focuses it on request.
 * With `unlessTypingElsewhere`, leaves the page alone while the user types in
 * another field (not of the same group, e.g. action item row), so an
 * autosave never yanks them away mid-sentence. Returns whether it scrolled.
 */
export function scrollToField(
  id: string,
  options: { focus?: boolean; unlessTypingElsewhere?: boolean } = {},
): boolean {
  const target =
    document.getElementById(id) ?? document.getElementById(`${id}-section`);
  if (!target) return false;
  const active = document.activeElement;
  if (
    options.unlessTypingElsewhere &&
    active &&
    active !== target &&
    takesText(active) &&
    !target.closest('[data-field-group]')?.contains(active)
  ) {
    return false;
  }
  // jsdom (tests) and old browsers lack scrollIntoView.
  target.scrollIntoView?.({ behavior: 'smooth', block: 'center' });
  if (options.focus && target instanceof HTMLElement) {
    target.focus({ preventScroll: true });
  }
  return true;
}
