export * from './enums';
export * from './instrument';
export * from './result';
