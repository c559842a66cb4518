/** The history export and busiest-rooms suite on SQLite (history-export.pg.test.ts runs it on PostgreSQL). */
import './history-export.suite.js';
