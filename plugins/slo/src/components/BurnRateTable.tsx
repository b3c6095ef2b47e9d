import { Link } from '@backstage/core-components';
import {
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
} from '@material-ui/core';
import { BURN_RATE_WINDOWS, BurnRates, FiringAlert } from '../api/types';
import { alertWindowRules, firingAlertsByWindow } from '../lib/alerts';
import { formatBurnRate } from '../lib/format';

const useStyles = makeStyles(theme => ({
  page: { backgroundColor: theme.palette.error.light },
  ticket: { backgroundColor: theme.palette.warning.light },
  firingCell: { fontWeight: theme.typography.fontWeightBold as number },
}));

/**
 * Burn rate per window, with the alert rules each window belongs to; the
 * windows through which the firing page or ticket alert fires are
 * highlighted (a window of both alerts shows both, coloured as the page).
 */
export function BurnRateTable(props: {
  period: string;
  burnRates: BurnRates;
  /** Every alert firing, as the backend reports it (see `firingAlertsOf`). */
  firingAlerts: readonly FiringAlert[];
  /** The Logs tab of the entity over a window (warn and worse), if known. */
  logsLinkFor?: (window: string) => string | undefined;
}) {
  const classes = useStyles();
  const { period, burnRates, firingAlerts } = props;
  const rules = alertWindowRules(period);
  const firing = firingAlertsByWindow(period, burnRates, firingAlerts);

  return (
    <Table size="small" aria-label="Burn rate per window">
      <TableHead>
        <TableRow>
          <TableCell>Window</TableCell>
          <TableCell align="right">Burn rate</TableCell>
          <TableCell>Alert thresholds</TableCell>
          <TableCell>Firing</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {BURN_RATE_WINDOWS.map(window => {
          const alerts = firing.get(window) ?? [];
          const isFiring = alerts.length > 0;
          const thresholds = rules
            .filter(r => r.shortWindow === window || r.longWindow === window)
            .map(
              r =>
                `${r.alert} (${r.shortWindow}+${
                  r.longWindow
                }) > ${formatBurnRate(r.threshold)}`,
            );
          return (
            <TableRow
              key={window}
              data-testid={`burn-rate-${window}`}
              data-firing={isFiring ? alerts.join(' ') : undefined}
              className={isFiring ? classes[alerts[0]] : undefined}
            >
              <TableCell className={isFiring ? classes.firingCell : undefined}>
                {window}
                {props.logsLinkFor?.(window) && (
                  <>
                    {' '}
                    <Link
                      to={props.logsLinkFor(window)!}
                      data-testid={`burn-logs-${window}`}
                    >
                      logs
                    </Link>
                  </>
                )}
              </TableCell>
              <TableCell align="right">
                {formatBurnRate(burnRates[window])}
              </TableCell>
              <TableCell>
                {thresholds.length > 0 ? thresholds.join(', ') : '—'}
              </TableCell>
              <TableCell>
                {alerts.map(alert => (
                  <div key={alert}>{alert} alert firing</div>
                ))}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
