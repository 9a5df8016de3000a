import { expose } from 'comlink';
import { HuntWorkerApi } from './api';

expose(new HuntWorkerApi());
