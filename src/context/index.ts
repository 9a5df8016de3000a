import { contextPlugin } from './plugin';

export default [contextPlugin];
