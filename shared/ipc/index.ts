export * from './channels';
export * from './contract';
export * from './review';
export * from './tools';
export * from './replay';
