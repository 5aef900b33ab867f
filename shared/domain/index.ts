export * from './enums';
export * from './instrument';
export * from './result';
export * from './orderRules';
export * from './marks';
export * from './decimal';
export * from './format';
export * from './random';
