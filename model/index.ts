export * from './api';
export * from './errors';
export * from './histogram';
export * from './logRecord';
export * from './timeRange';
export * from './steps';
export * from './sources';
export * from './saved';
