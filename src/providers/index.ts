import { providersPlugin } from './plugin';

export default [providersPlugin];
