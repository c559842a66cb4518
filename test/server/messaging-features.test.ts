/**
 * The messaging feature suites, run in one process (one tsx start instead of seven keeps the
 * node suite fast on small machines). Each suite starts its own server over its own temp folder.
 */
import './recall.suite.js';
import './conversation-state.suite.js';
import './receipts.suite.js';
import './expansion.suite.js';
import './tags.suite.js';
import './media.suite.js';
import './api-messaging.suite.js';
