export { defineEnvironment, defineScenario } from './config/define';
export type * from './config/types';
