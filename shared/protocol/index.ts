export * from './errors';
export * from './schemas';
export * from './inbound';
export * from './chart';
export * from './replay';
