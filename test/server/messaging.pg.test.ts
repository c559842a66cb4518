/**
 * Private and group messaging, history paging, resync, the slow-consumer guard and pipelined sends again, on
 * PostgreSQL (each server gets its own database), so the two engines cannot drift.
 */
import { useEngine } from './pg-harness.js';
import './messaging.test.js';
import './history.test.js';
import './slow-consumer.test.js';
import './send-pipelining.test.js';

useEngine('postgres');
