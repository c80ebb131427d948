#!/usr/bin/env node
// The `tessuto` command: builds what is out of date, then runs a server command (start, migrate, create-admin, import-people, demo).
await import('../scripts/start.mjs');
