/**
 * Path of the Deployments tab below the entity page; the incidents page
 * links to it (plugins/incidents keeps the same path).
 * @public
 */
export const DEPLOYMENTS_TAB_PATH = 'deployments';
