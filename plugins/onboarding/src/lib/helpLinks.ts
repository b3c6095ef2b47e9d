/** Where help lives: Vigil's TechDocs (techdocs/ at the repo root). @public */
export const VIGIL_DOCS = '/docs/default/component/vigil';

/** The help menu's links, with the id of their `help-menu-<id>` test id. @public */
export const HELP_LINKS = [
  { id: 'faq', title: 'FAQ', to: `${VIGIL_DOCS}/faq/` },
  { id: 'glossary', title: 'Glossary', to: `${VIGIL_DOCS}/glossary/` },
  { id: 'help', title: "Vigil's help pages", to: `${VIGIL_DOCS}/help/` },
  { id: 'support', title: 'My support tickets', to: '/support' },
  { id: 'sandbox', title: 'Sandbox', to: '/sandbox' },
] as const;
