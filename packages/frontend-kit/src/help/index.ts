export { HelpIcon } from './HelpIcon';
export { helpDocsPath, helpTopics, VIGIL_DOCS_PATH } from './helpTopics';
export type { HelpTopic, HelpTopicId } from './helpTopics';
