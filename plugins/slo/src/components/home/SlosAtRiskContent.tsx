import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { EntityDisplayName } from '@backstage/plugin-catalog-react';
import { Box, makeStyles, Typography } from '@material-ui/core';
import CheckCircleOutlineIcon from '@material-ui/icons/CheckCircleOutline';
import type { Slo } from '../../api/types';
import { formatBudget } from '../../lib/format';
import { rootRouteRef } from '../../lib/routes';
import { useEntityLink, useSloTabLink } from '../../lib/useSloTabLink';
import { SloStatusChip } from '../SloStatusChip';
import { useSlosAtRisk } from './useSlosAtRisk';

const useStyles = makeStyles(theme => ({
  row: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: theme.spacing(1.5),
    padding: theme.spacing(1, 0),
    '&:not(:last-child)': {
      borderBottom: `1px solid ${theme.palette.divider}`,
    },
  },
  chip: { flexShrink: 0, minWidth: 88 },
  text: { minWidth: 0, flex: 1 },
  overspent: { color: theme.palette.error.main, fontWeight: 600 },
  ok: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  okIcon: { color: theme.palette.success.main },
}));

function SloRow(props: { slo: Slo }) {
  const { slo } = props;
  const classes = useStyles();
  const sloTabLink = useSloTabLink()(slo.entityRef);
  const entityLink = useEntityLink()(slo.entityRef);
  const overspent = slo.budgetRemaining !== null && slo.budgetRemaining <= 0;
  return (
    <Box className={classes.row} data-testid="slo-at-risk">
      <Box className={classes.chip}>
        <SloStatusChip status={slo.status} />
      </Box>
      <Box className={classes.text}>
        <Typography variant="body2">
          {sloTabLink ? <Link to={sloTabLink}>{slo.name}</Link> : slo.name}
          {' · '}
          {entityLink ? (
            <Link to={entityLink}>
              <EntityDisplayName entityRef={slo.entityRef} hideIcon />
            </Link>
          ) : (
            slo.entityRef
          )}
        </Typography>
        <Typography variant="caption" color="textSecondary" component="div">
          Budget remaining:{' '}
          <span className={overspent ? classes.overspent : undefined}>
            {formatBudget(slo.budgetRemaining)}
          </span>
          {slo.firingAlert && ` · ${slo.firingAlert} alert firing`}
          {slo.stale && ' · stale'}
        </Typography>
      </Box>
    </Box>
  );
}

/**
 * Home page widget: the SLOs that are breaching or burning their budget,
 * breaching first, then least budget remaining first.
 */
export function SlosAtRiskContent() {
  const classes = useStyles();
  const portfolioRoute = useRouteRef(rootRouteRef);
  const portfolioLink = portfolioRoute?.() ?? '/slos';
  const { value, error } = useSlosAtRisk();

  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return <Progress />;

  const total = value.breachingCount + value.warningCount;
  if (total === 0) {
    return (
      <Box className={classes.ok}>
        <CheckCircleOutlineIcon className={classes.okIcon} />
        <Typography variant="body1">
          All SLOs are within budget.{' '}
          <Link to={portfolioLink}>See all SLOs</Link>
        </Typography>
      </Box>
    );
  }
  return (
    <>
      <Typography variant="body2" color="textSecondary">
        {value.breachingCount} breaching, {value.warningCount} burning budget
      </Typography>
      <Box>
        {value.items.map(slo => (
          <SloRow key={slo.sloId} slo={slo} />
        ))}
      </Box>
      <Box mt={1}>
        <Typography variant="body2">
          {total > value.items.length &&
            `Showing ${value.items.length} of ${total} SLOs at risk. `}
          <Link to={portfolioLink}>See all SLOs</Link>
        </Typography>
      </Box>
    </>
  );
}
