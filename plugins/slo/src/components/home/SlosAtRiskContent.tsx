import { Link, Progress } from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { EntityDisplayName } from '@backstage/plugin-catalog-react';
import { Box, makeStyles, Typography } from '@material-ui/core';
import {
  HelpIcon,
  AllClear,
  ListFooter,
  ReportableErrorPanel,
  useWidgetRowStyles,
} from '@vigil/frontend-kit';
import type { Slo } from '../../api/types';
import { formatBudget } from '../../lib/format';
import { rootRouteRef } from '../../lib/routes';
import { useEntityLink, useSloTabLink } from '../../lib/useSloTabLink';
import { SloEvaluationBanner } from '../SloEvaluationBanner';
import { SloStatusChip } from '../SloStatusChip';
import { useSlosAtRisk } from './useSlosAtRisk';

const useStyles = makeStyles(theme => ({
  chip: { flexShrink: 0, minWidth: 88 },
  overspent: { color: theme.palette.error.main, fontWeight: 600 },
}));

function SloRow(props: { slo: Slo }) {
  const { slo } = props;
  const classes = { ...useWidgetRowStyles(), ...useStyles() };
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
  const portfolioRoute = useRouteRef(rootRouteRef);
  const portfolioLink = portfolioRoute?.() ?? '/slos';
  const { value, error } = useSlosAtRisk();

  if (error) return <ReportableErrorPanel error={error} />;
  if (!value) return <Progress />;

  const total = value.breachingCount + value.warningCount;
  if (total === 0) {
    // "All clear" would be a claim about old figures during an outage: the
    // banner says so above it.
    return (
      <>
        <SloEvaluationBanner />
        <AllClear>
          All SLOs are within budget.{' '}
          <Link to={portfolioLink}>See all SLOs</Link>
          <HelpIcon topic="slo-status" />
        </AllClear>
      </>
    );
  }
  return (
    <>
      <SloEvaluationBanner />
      <Typography variant="body2" color="textSecondary">
        {value.breachingCount} breaching, {value.warningCount} burning budget
      </Typography>
      <Box>
        {value.items.map(slo => (
          <SloRow key={slo.sloId} slo={slo} />
        ))}
      </Box>
      <ListFooter shown={value.items.length} total={total} noun="SLOs at risk">
        <Link to={portfolioLink}>See all SLOs</Link>
        <HelpIcon topic="slo-status" />
      </ListFooter>
    </>
  );
}
