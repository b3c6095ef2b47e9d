import { MouseEvent, useCallback, useState } from 'react';
import {
  instantAtFraction,
  selectionRange,
  SNAP_MS,
  type TimelineWindow,
} from '../lib/timelineWindow';

/**
 * Selecting a range on a row with the mouse: press and drag, or click the
 * start and then click the end. `onSelect` gets the ordered range.
 */
export function useRangeSelection(
  window: TimelineWindow,
  onSelect: (range: TimelineWindow) => void,
  enabled: boolean,
) {
  const [anchor, setAnchor] = useState<number | undefined>();
  const [current, setCurrent] = useState<number | undefined>();
  const [dragging, setDragging] = useState(false);
  // Set by a click without a drag: the next click ends the range.
  const [pendingStart, setPendingStart] = useState<number | undefined>();

  const instantOf = useCallback(
    (event: MouseEvent<HTMLElement>) => {
      const rect = event.currentTarget.getBoundingClientRect();
      const fraction = rect.width
        ? (event.clientX - rect.left) / rect.width
        : 0;
      return instantAtFraction(fraction, window);
    },
    [window],
  );

  const reset = () => {
    setAnchor(undefined);
    setCurrent(undefined);
    setDragging(false);
    setPendingStart(undefined);
  };

  const onMouseDown = (event: MouseEvent<HTMLElement>) => {
    if (!enabled || event.button !== 0) return;
    const at = instantOf(event);
    setAnchor(pendingStart ?? at);
    setCurrent(at);
    setDragging(true);
  };
  const onMouseMove = (event: MouseEvent<HTMLElement>) => {
    if (dragging || pendingStart !== undefined) setCurrent(instantOf(event));
  };
  const onMouseUp = (event: MouseEvent<HTMLElement>) => {
    if (!dragging || anchor === undefined) return;
    const at = instantOf(event);
    setDragging(false);
    if (pendingStart === undefined && Math.abs(at - anchor) < SNAP_MS) {
      // A click: remember the start and wait for the end.
      setPendingStart(anchor);
      return;
    }
    reset();
    onSelect(selectionRange(anchor, at));
  };

  const start = pendingStart ?? anchor;
  const selection =
    start !== undefined && current !== undefined
      ? selectionRange(start, current)
      : undefined;
  return {
    selection,
    pending: pendingStart !== undefined,
    cancel: reset,
    trackProps: enabled
      ? {
          onMouseDown,
          onMouseMove,
          onMouseUp,
          onMouseLeave: () => {
            if (dragging) reset();
          },
          style: { cursor: 'crosshair' },
        }
      : {},
  };
}
