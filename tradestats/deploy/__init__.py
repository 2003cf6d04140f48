"""A deployment as a whole: its database built from the deployment's files, upgraded and rolled back with
what the 预警 ledger adds to each (deployment), and any city of China set up from cnmaps' divisions by
`tradestats init --city` (divisions). Imports alerting, present (the map's boundaries), notify, store and
config; used by the command line and the pages."""
