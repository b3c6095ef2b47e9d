import { createTranslationMessages } from '@backstage/frontend-plugin-api';
import { TranslationBlueprint } from '@backstage/plugin-app-react';
import { coreComponentsTranslationRef } from '@backstage/core-components/alpha';

/** The guest card says what guest is: read-only, embedded default only. */
export const signInTranslations = TranslationBlueprint.make({
  name: 'sign-in',
  params: {
    resource: createTranslationMessages({
      ref: coreComponentsTranslationRef,
      messages: {
        'signIn.guestProvider.subtitle':
          'Look around without an account: a guest reads everything but cannot change anything (no incidents, no edits). Only in the embedded default.',
      },
    }),
  },
});
