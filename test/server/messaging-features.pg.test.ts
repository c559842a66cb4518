/**
 * The messaging feature suites again, on PostgreSQL (each server gets its own database): the same
 * assertions as on SQLite, so the two engines cannot drift.
 */
import { useEngine } from './pg-harness.js';
import './recall.suite.js';
import './conversation-state.suite.js';
import './receipts.suite.js';
import './expansion.suite.js';
import './tags.suite.js';
import './media.suite.js';
import './api-messaging.suite.js';

useEngine('postgres');
