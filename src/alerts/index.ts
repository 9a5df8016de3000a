import { alertsPlugin } from './plugin';

export default [alertsPlugin];
