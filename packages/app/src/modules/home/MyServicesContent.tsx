import type { Entity } from '@backstage/catalog-model';
import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Box, Chip, makeStyles, Typography } from '@material-ui/core';
import { useWidgetRowStyles } from '@vigil/frontend-kit';
import { useMyServices } from './useMyServices';

/** Most services the widget lists; the rest are counted. */
export const MY_SERVICES_SHOWN = 10;

/** The catalog's Components, filtered as the widget's list was. */
const CATALOG_OWNED =
  '/catalog?filters%5Bkind%5D=component&filters%5Buser%5D=owned';
const CATALOG_ALL =
  '/catalog?filters%5Bkind%5D=component&filters%5Buser%5D=all';

const useStyles = makeStyles({
  description: {
    display: '-webkit-box',
    WebkitLineClamp: 2,
    WebkitBoxOrient: 'vertical',
    overflow: 'hidden',
  },
  chip: { flexShrink: 0, margin: 0 },
});

function ServiceRow(props: { entity: Entity }) {
  const { entity } = props;
  const classes = { ...useWidgetRowStyles(), ...useStyles() };
  const lifecycle = entity.spec?.lifecycle;
  const type = entity.spec?.type;
  return (
    <Box className={classes.row} data-testid="my-service">
      <Box className={classes.text}>
        <Typography variant="body2">
          <EntityRefLink entityRef={entity} hideIcon />
          {typeof type === 'string' && (
            <Typography variant="caption" color="textSecondary">
              {` · ${type}`}
            </Typography>
          )}
        </Typography>
        {entity.metadata.description && (
          <Typography
            variant="caption"
            color="textSecondary"
            component="div"
            className={classes.description}
          >
            {entity.metadata.description}
          </Typography>
        )}
      </Box>
      {typeof lifecycle === 'string' && (
        <Chip
          size="small"
          variant="outlined"
          label={lifecycle}
          className={classes.chip}
          data-testid="lifecycle"
        />
      )}
    </Box>
  );
}

/**
 * Home page widget: the Components the signed-in user or their teams own;
 * all of them, saying so, when they own none yet.
 */
export function MyServicesContent() {
  const { value, error } = useMyServices();

  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return <Progress />;

  const { owned, services } = value;
  const catalogLink = owned ? CATALOG_OWNED : CATALOG_ALL;
  if (services.length === 0) {
    return (
      <Typography variant="body1">
        The catalog has no services yet.{' '}
        <Link to="/catalog-import">Register one</Link>
      </Typography>
    );
  }
  const shown = services.slice(0, MY_SERVICES_SHOWN);
  return (
    <>
      {!owned && (
        <Typography variant="body2" color="textSecondary" paragraph>
          You own no services yet; here are all of them.
        </Typography>
      )}
      <Box>
        {shown.map(entity => (
          <ServiceRow
            key={`${entity.metadata.namespace ?? 'default'}/${
              entity.metadata.name
            }`}
            entity={entity}
          />
        ))}
      </Box>
      <Box mt={1}>
        <Typography variant="body2">
          {services.length > shown.length &&
            `Showing ${shown.length} of ${services.length}. `}
          <Link to={catalogLink}>
            {owned
              ? 'Your services in the catalog'
              : 'All services in the catalog'}
          </Link>
        </Typography>
      </Box>
    </>
  );
}
