import { entitiesPlugin } from './plugin';

export default [entitiesPlugin];
