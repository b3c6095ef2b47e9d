import {
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
} from '@material-ui/core';
import { BURN_RATE_WINDOWS, BurnRates, FiringAlert } from '../api/types';
import { alertWindowRules, firingWindows } from '../lib/alerts';
import { formatBurnRate } from '../lib/format';

const useStyles = makeStyles(theme => ({
  page: { backgroundColor: theme.palette.error.light },
  ticket: { backgroundColor: theme.palette.warning.light },
  firingCell: { fontWeight: theme.typography.fontWeightBold as number },
}));

/**
 * Burn rate per window, with the alert rules each window belongs to; the
 * windows that make the firing alert fire are highlighted.
 */
export function BurnRateTable(props: {
  period: string;
  burnRates: BurnRates;
  firingAlert: FiringAlert | null;
}) {
  const classes = useStyles();
  const { period, burnRates, firingAlert } = props;
  const rules = alertWindowRules(period);
  const firing = firingWindows(period, burnRates, firingAlert);

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
          const isFiring = firingAlert !== null && firing.has(window);
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
              data-firing={isFiring ? firingAlert : undefined}
              className={
                isFiring && firingAlert ? classes[firingAlert] : undefined
              }
            >
              <TableCell className={isFiring ? classes.firingCell : undefined}>
                {window}
              </TableCell>
              <TableCell align="right">
                {formatBurnRate(burnRates[window])}
              </TableCell>
              <TableCell>
                {thresholds.length > 0 ? thresholds.join(', ') : '—'}
              </TableCell>
              <TableCell>
                {isFiring ? `${firingAlert} alert firing` : ''}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
