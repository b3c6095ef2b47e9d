import { makeStyles } from '@material-ui/core';
import {
  deployTakenAt,
  formatVersion,
  type DeploymentRecord,
} from '@vigil/backstage-plugin-deployments-common';
import { formatTimestamp } from '../lib/format';

const FONT_SIZE = 9;
/** Estimated width of one label character, in pixels. */
const CHAR_WIDTH = 5.5;

const useStyles = makeStyles(theme => ({
  line: {
    stroke: theme.palette.text.secondary,
    strokeWidth: 1,
    strokeDasharray: '2 2',
  },
  failed: { stroke: theme.palette.warning.main },
  label: { fill: theme.palette.text.secondary, fontSize: FONT_SIZE },
}));

const KIND_TEXT: Record<DeploymentRecord['kind'], string> = {
  deploy: 'Deployed',
  rollback: 'Rolled back to',
  drill: 'Rollback drill released',
};

/** The tooltip of a marker: what, which version, when, how it ended. */
export function deployMarkerTitle(record: DeploymentRecord): string {
  const at = new Date(deployTakenAt(record)).toISOString();
  const ended =
    record.outcome === 'succeeded'
      ? ''
      : ` (${record.outcome.replace('_', ' ')})`;
  return `${KIND_TEXT[record.kind]} ${formatVersion(
    record.release.version,
  )} at ${formatTimestamp(at)}${ended}`;
}

export interface DeployMarker {
  record: DeploymentRecord;
  position: number;
  /** Whether its version label fits without overlapping the previous one. */
  labelled: boolean;
  /** Label right of the line, or left of it near the plot's right edge. */
  anchor: 'start' | 'end';
}

/**
 * Where each deploy inside the chart's time domain goes, oldest first; a
 * version label only where it does not overlap the previous label (every
 * marker keeps its tooltip).
 */
export function placeDeployMarkers(
  deploys: readonly DeploymentRecord[],
  domain: readonly [number, number],
  scale: (time: number) => number,
): DeployMarker[] {
  const [min, max] = domain;
  const right = scale(max);
  let labelEnd = -Infinity;
  return deploys
    .map(record => ({ record, time: deployTakenAt(record) }))
    .filter(({ time }) => Number.isFinite(time) && time >= min && time <= max)
    .sort((a, b) => a.time - b.time)
    .map(({ record, time }) => {
      const position = scale(time);
      const width =
        formatVersion(record.release.version).length * CHAR_WIDTH + 4;
      const anchor = position + 3 + width > right ? 'end' : 'start';
      const start = anchor === 'start' ? position + 3 : position - 3 - width;
      const labelled = start >= labelEnd;
      if (labelled) labelEnd = start + width;
      return { record, position, labelled, anchor } as DeployMarker;
    });
}

/**
 * Deploys as dashed vertical lines across the burn-down plot, each with
 * its version as a label (where it fits) and a tooltip: a budget that
 * drops right after one points at the release.
 */
export function DeployMarkers(props: {
  deploys: readonly DeploymentRecord[];
  domain: readonly [number, number];
  scale: (time: number) => number;
  top: number;
  bottom: number;
}) {
  const classes = useStyles();
  const markers = placeDeployMarkers(props.deploys, props.domain, props.scale);
  return (
    <g data-testid="slo-burn-down-deploys">
      {markers.map(({ record, position, labelled, anchor }) => (
        <g key={record.id} data-testid="slo-burn-down-deploy">
          <title>{deployMarkerTitle(record)}</title>
          <line
            className={`${classes.line} ${
              record.outcome === 'succeeded' ? '' : classes.failed
            }`}
            x1={position}
            x2={position}
            y1={props.top}
            y2={props.bottom}
          />
          {labelled && (
            <text
              className={classes.label}
              x={anchor === 'start' ? position + 3 : position - 3}
              y={props.top + FONT_SIZE}
              textAnchor={anchor}
            >
              {formatVersion(record.release.version)}
            </text>
          )}
        </g>
      ))}
    </g>
  );
}
