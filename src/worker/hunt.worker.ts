import { expose } from 'comlink';
import { WorkerService } from './service';

expose(new WorkerService());
