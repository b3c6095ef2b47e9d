import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { signInPage } from './SignInPage';
import { signInTranslations } from './translations';
import { vigilIdAuthApi } from './vigilIdAuthApi';

export { vigilIdAuthApiRef } from './vigilIdAuthApi';

export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [signInPage, signInTranslations, vigilIdAuthApi],
});
