import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { Typography } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';

/** The email of a User entity's profile, from the catalog. */
export function useUserEmail(userRef: string): string | undefined {
  const catalogApi = useApi(catalogApiRef);
  const { value } = useAsync(async () => {
    const user = await catalogApi.getEntityByRef(userRef);
    const email = (user?.spec?.profile as { email?: unknown } | undefined)
      ?.email;
    return typeof email === 'string' ? email : undefined;
  }, [catalogApi, userRef]);
  return value;
}

/** "alice@example.com" as a mailto link, or nothing while unknown. */
export function PersonContact(props: { userRef: string }) {
  const email = useUserEmail(props.userRef);
  if (!email) return null;
  return (
    <Typography variant="body2" component="span">
      <Link to={`mailto:${email}`}>{email}</Link>
    </Typography>
  );
}
