export { createLocalOidc } from './server.mjs';
export { readCatalogUsers, findUser, OP_ONLY_USERS } from './users.mjs';
export { readConfig } from './config.mjs';
