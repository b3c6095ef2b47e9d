import { forwardRef, type TextareaHTMLAttributes } from 'react';

/**
 * Stands in for MUI's TextareaAutosize in the postmortem page tests (with
 * `jest.mock('@material-ui/core/TextareaAutosize', ...)`): the real one
 * measures its field with getComputedStyle after every render, and jsdom,
 * which lays nothing out, answers 0 after matching every CSS rule of the
 * page, about two thirds of these suites' time. The textarea, its value,
 * label, focus and aria attributes are the same.
 */
const PlainTextarea = forwardRef<
  HTMLTextAreaElement,
  TextareaHTMLAttributes<HTMLTextAreaElement> & {
    minRows?: number | string;
    maxRows?: number | string;
  }
>(({ minRows, maxRows, ...props }, ref) => (
  <textarea ref={ref} rows={Number(minRows) || undefined} {...props} />
));
PlainTextarea.displayName = 'PlainTextarea';

export default PlainTextarea;
