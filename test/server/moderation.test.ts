/** The moderation suites (blacklist, mutes, sensitive words), run in one process on SQLite. */
import './blacklist.suite.js';
import './mutes.suite.js';
import './sensitive-words.suite.js';
