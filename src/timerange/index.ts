import { timerangePlugin } from './plugin';

export default [timerangePlugin];
