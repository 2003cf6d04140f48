"""Who gets in: the admin password's hash and check (auth) and the login with its throttle, kept in the
deployment folder so that every replica shares it (login). Imports store (its JSON-lines log) only."""
