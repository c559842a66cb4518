/** The moderation suites again, on PostgreSQL (each server gets its own database). */
import { useEngine } from './pg-harness.js';
import './blacklist.suite.js';
import './mutes.suite.js';
import './sensitive-words.suite.js';
import './recall-rules.suite.js';

useEngine('postgres');
