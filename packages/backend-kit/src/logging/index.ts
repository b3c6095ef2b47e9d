export {
  createRootLoggerServiceFactory,
  type RootLoggerOptions,
} from './rootLogger';
export {
  createLogFileTransport,
  readLogFileSettings,
  type LogFileSettings,
  type LogFileTransport,
} from './logFile';
export {
  currentLogRequestContext,
  logRequestContextFrom,
  logRequestContextMiddleware,
  runWithLogRequestContext,
  type LogRequestContext,
  type LogRequestContextMiddlewareTypes,
} from './requestContext';
