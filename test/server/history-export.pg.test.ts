/** The history export and busiest-rooms suite on PostgreSQL (its own database): the engines page alike. */
import { useEngine } from './pg-harness.js';
import './history-export.suite.js';

useEngine('postgres');
