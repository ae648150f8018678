export * from './tenancy';
export * from './cases';
export * from './reporting';
export * from './stats';
