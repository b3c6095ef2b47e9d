import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { StorageApi, storageApiRef } from '@backstage/core-plugin-api';
import { TOUR_ROLES, tourOf } from '@vigil/backstage-plugin-onboarding-common';
import { Route, Routes, useLocation } from 'react-router-dom';
import onboardingPlugin from '../alpha';
import { HelpMenu } from '../components/HelpMenu';

/** Every route the tours open, with the targets each shows there. */
function targetsByRoute(): Map<string, Set<string>> {
  const routes = new Map<string, Set<string>>();
  for (const role of TOUR_ROLES) {
    for (const step of tourOf(role).steps) {
      if (step.id === 'help-menu') continue;
      const ids = routes.get(step.route) ?? new Set<string>();
      ids.add(step.id);
      routes.set(step.route, ids);
    }
  }
  return routes;
}

function CurrentLocation() {
  const location = useLocation();
  return (
    <div data-testid="location">{`${location.pathname}${location.search}`}</div>
  );
}

/** Stand-ins for the portal's pages: each route draws its tour targets. */
export function FakePortal(props: { omit?: string[] }) {
  const omit = new Set(props.omit ?? []);
  return (
    <>
      <HelpMenu />
      <CurrentLocation />
      <Routes>
        {[...targetsByRoute()].map(([route, ids]) => (
          <Route
            key={route}
            path={route}
            element={
              <div>
                {[...ids]
                  .filter(id => !omit.has(id))
                  .map(id => (
                    <div key={id} data-tour={id}>
                      {`target ${id}`}
                    </div>
                  ))}
              </div>
            }
          />
        ))}
        <Route path="*" element={<div>elsewhere</div>} />
      </Routes>
    </>
  );
}

export const PERMISSION_CONFIG = {
  app: { baseUrl: 'http://localhost:3000' },
  backend: { baseUrl: 'http://localhost:7007' },
  vigil: {
    permission: {
      adminGroups: ['group:default/portal-admins'],
      sreGroups: ['group:default/sre'],
      productOwnerGroups: ['group:default/product-owners'],
      readOnlyUsers: ['user:default/guest'],
    },
  },
};

/** The portal with the onboarding plugin, signed in as `user`. */
export function renderPortal(options: {
  storage: StorageApi;
  user?: string;
  groups?: string[];
  at?: string;
  omit?: string[];
}) {
  const user = options.user ?? 'user:default/alice';
  return renderInTestApp(<FakePortal omit={options.omit} />, {
    features: [onboardingPlugin],
    config: PERMISSION_CONFIG,
    initialRouteEntries: [options.at ?? '/catalog'],
    apis: [
      mockApis.identity({
        userEntityRef: user,
        ownershipEntityRefs: [user, ...(options.groups ?? [])],
      }),
      [storageApiRef, options.storage],
    ],
  });
}
