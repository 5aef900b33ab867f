/** The trading tools: pure state machines (limits, brackets, trailing stops, alerts, position actions) and their runtime. */
export { ToolsRuntime, type ToolEvents, type ToolsDeps } from './runtime';
export { ToolStore } from './toolStore';
export { checkOrderLimits, type LimitBreach } from './limits';
