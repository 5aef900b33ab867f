export * from './enums';
export * from './instrument';
